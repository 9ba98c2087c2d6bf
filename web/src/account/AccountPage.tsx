import { useSession } from '../auth/session';
import { formatDateTime } from '../lib/format';
import { setThemeChoice, useTheme, type ThemeChoice } from '../lib/theme';
import { Badge, Card, Field, Select } from '../ui';
import { Link } from '../lib/router';
import { paths } from '../app/paths';
import { ApiKeysCard } from './ApiKeysCard';
import { CreditsCard } from './CreditsCard';
import { NotificationsCard } from './NotificationsCard';
import './account.css';

export default function AccountPage() {
  const { user } = useSession();
  const { choice } = useTheme();
  if (!user) return null;
  return (
    <div className="page page--narrow">
      <div className="page__header">
        <div>
          <h1>Account</h1>
          <p className="page__subtitle">Your profile, notifications, credits, API keys and appearance.</p>
          <Link to={paths.myReports}>My reports and contest entries</Link>
        </div>
      </div>

      <Card title="Profile">
        <dl className="details">
          {user.displayName && (
            <div>
              <dt>Name</dt>
              <dd>{user.displayName}</dd>
            </div>
          )}
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Roles</dt>
            <dd className="row" aria-label={`Roles: ${user.roles.join(', ')}`}>
              {user.roles.map((role) => (
                <Badge key={role} tone={role === 'user' ? 'neutral' : 'accent'}>
                  {role}
                </Badge>
              ))}
            </dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>{formatDateTime(user.createdAt)}</dd>
          </div>
        </dl>
      </Card>

      <NotificationsCard />

      <CreditsCard />

      <ApiKeysCard />

      <Card title="Appearance">
        <Field
          label="Theme"
          hint="System follows your device's light or dark setting."
          className="account__theme"
        >
          <Select
            value={choice}
            onChange={(e) => setThemeChoice(e.target.value as ThemeChoice)}
            options={[
              { value: 'system', label: 'System' },
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
            ]}
          />
        </Field>
      </Card>
    </div>
  );
}
