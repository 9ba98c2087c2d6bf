import { useState } from 'react';
import { displayName, type User } from '../../auth/api';
import { errorMessage } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { Alert, Field, Input, Loading, Select } from '../../ui';
import { loadPeople } from './api';

interface Props {
  selected: string | null;
  onSelect: (user: User | null) => void;
}

/** Finds a person by name or email and picks them. */
export function PersonPicker({ selected, onSelect }: Props) {
  const people = useAsync(loadPeople, 'people');
  const [filter, setFilter] = useState('');
  if (people.status === 'loading' && !people.data) return <Loading label="Loading people" />;
  if (people.status === 'error')
    return (
      <Alert tone="danger" title="Could not load people">
        {errorMessage(people.error)}
      </Alert>
    );
  const all = people.data ?? [];
  const needle = filter.trim().toLowerCase();
  const shown = all.filter(
    (u) => u.id === selected || !needle || `${u.email} ${u.displayName ?? ''}`.toLowerCase().includes(needle),
  );

  return (
    <div className="person-picker">
      <Field label="Search people">
        <Input
          type="search"
          placeholder="Name or email"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </Field>
      <Field label="Person" hint={needle ? `${shown.length} of ${all.length} match` : undefined}>
        <Select
          options={[
            { value: '', label: shown.length ? 'Choose a person…' : 'No one matches' },
            ...shown.map((u) => ({
              value: u.id,
              label: u.displayName ? `${displayName(u)} (${u.email})` : u.email,
            })),
          ]}
          value={selected ?? ''}
          onChange={(e) => onSelect(all.find((u) => u.id === e.target.value) ?? null)}
        />
      </Field>
    </div>
  );
}
