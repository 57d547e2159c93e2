import { useState } from 'react';
import type { Strings } from './i18n.js';
import type { Me } from './types.js';

interface Props {
  t: Strings;
  me: Me | null;
  error: string | null;
  onSignIn(key: string): void;
  onSignOut(): void;
}

/** The key is typed once and kept in localStorage; the API says what role it carries. */
export function SignIn({ t, me, error, onSignIn, onSignOut }: Props) {
  const [key, setKey] = useState('');
  if (me?.user) {
    return (
      <div className="signin" data-testid="signed-in">
        <span>
          {t.signedInAs} <strong>{me.user}</strong> ({t.role}: {me.role}{me.party ? `, ${me.party}` : ''})
        </span>{' '}
        <button type="button" onClick={onSignOut}>{t.signOut}</button>
      </div>
    );
  }
  return (
    <form className="signin" onSubmit={(e) => { e.preventDefault(); if (key.trim()) onSignIn(key.trim()); setKey(''); }}>
      <label>
        <span className="sr-only">{t.apiKey}</span>
        <input type="password" value={key} onChange={(e) => setKey(e.target.value)} placeholder={t.apiKey} autoComplete="off" name="apikey" />
      </label>
      <button type="submit">{t.signIn}</button>
      {error && <span role="alert" className="error">{error}</span>}
    </form>
  );
}
