import { setThemeChoice, useTheme } from '../lib/theme';
import { IconButton } from '../ui';
import { MoonIcon, SunIcon } from '../ui/icons';

/** Switches between light and dark (the Account page also offers "follow the system"). */
export function ThemeToggle() {
  const { theme } = useTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <IconButton
      label={`Switch to ${next} theme`}
      icon={theme === 'dark' ? <SunIcon /> : <MoonIcon />}
      onClick={() => setThemeChoice(next)}
    />
  );
}
