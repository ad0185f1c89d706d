import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useSession } from './session-store.js';

export function SignIn() {
  const { t } = useI18n();
  const signIn = useSession((state) => state.signIn);
  const error = useSession((state) => state.signInError);
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) void signIn(token.trim());
  };
  return (
    <main className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={submit}>
        <label htmlFor="token">{t('signIn.token')}</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoFocus
        />
        <button type="submit">{t('signIn.submit')}</button>
      </form>
      <p className="hint">{t('signIn.help')}</p>
      {error && (
        <p role="alert" className="error">
          {error === 'expired'
            ? t('signIn.expired')
            : error === 'rejected'
              ? t('signIn.rejected')
              : t('signIn.invalid', { reason: error })}
        </p>
      )}
    </main>
  );
}
