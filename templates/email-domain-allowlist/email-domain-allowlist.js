/**
 * E-mail domain allow-list (pre-register).
 *
 * Only addresses at one of env.ALLOWED_DOMAINS ("example.com,example.org") may register.
 * Set env.ALLOW_SUBDOMAINS to "true" to accept e.g. "eu.example.com" as well.
 *
 * Declared with two parameters, so the platform calls it as pipe(context, callback)
 * and it continues with callback(null, context).
 */
async function pipe(context, callback) {
  const body = (context.request && context.request.body) || {};
  const email = String(body.email || '')
    .trim()
    .toLowerCase();
  const allowed = String(env.ALLOWED_DOMAINS || '')
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);

  if (allowed.length === 0) {
    log('ALLOWED_DOMAINS is empty: every registration is refused until it is set');
  }
  if (!email.includes('@')) {
    return callback(new Error('Please register with your work e-mail address.'));
  }

  const domain = email.slice(email.lastIndexOf('@') + 1);
  const withSubdomains = env.ALLOW_SUBDOMAINS === 'true';
  const ok = allowed.some((d) => domain === d || (withSubdomains && domain.endsWith(`.${d}`)));
  if (!ok) {
    log(`refused registration for domain ${domain}`);
    return callback(new Error(`Registration is limited to addresses at ${allowed.join(', ')}.`));
  }
  return callback(null, context);
}
