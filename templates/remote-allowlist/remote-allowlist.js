/**
 * Allow-list loaded over HTTP.
 *
 * GET env.ALLOWLIST_URL (with "Authorization: Bearer <ALLOWLIST_TOKEN>") must answer
 *   { "emails": ["ana@example.com"], "domains": ["example.org"] }
 * The person may continue when their address or its domain is listed. When the list
 * cannot be loaded the sign-in is refused (fail closed) with a "try again" message.
 */
async function pipe(user, context, callback) {
  const body = (context.request && context.request.body) || {};
  const email = String((user && user.email) || body.email || '')
    .trim()
    .toLowerCase();
  if (!email) {
    return callback(new Error('An e-mail address is required to sign in.'));
  }

  let list;
  try {
    const response = await axios.get(env.ALLOWLIST_URL, {
      headers: { Authorization: `Bearer ${env.ALLOWLIST_TOKEN}` },
      timeout: 3000,
    });
    list = response.data || {};
  } catch (err) {
    const reason = err.response ? `HTTP ${err.response.status}` : err.message;
    log(`allow-list could not be loaded: ${reason}`);
    return callback(new Error('Sign-in is temporarily unavailable. Please try again in a few minutes.'));
  }

  const lower = (items) => (Array.isArray(items) ? items.map((item) => String(item).toLowerCase()) : []);
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (lower(list.emails).includes(email) || lower(list.domains).includes(domain)) {
    return callback(null, user, context);
  }
  return callback(new Error(`${email} is not on the access list. Ask your administrator to add it.`));
}
