/** The design system: a handful of small components on the CSS variables of theme.css. */
export { Alert } from './Alert';
export { Badge, type Tone } from './Badge';
export { Button, IconButton } from './Button';
export { Card } from './Card';
export { Dialog } from './Dialog';
export { Field, Input, Textarea } from './Field';
export { SectionNav, type SectionLink } from './SectionNav';
export { Select, type SelectOption } from './Select';
export { LoadError } from './LoadError';
export { Loading, Spinner } from './Spinner';
export { Tabs, type TabItem } from './Tabs';
export { ToastProvider, useToast } from './Toast';
