/**
 * Phone number allow-list.
 *
 * env.ALLOWED_PHONES lists numbers in international form, comma-separated;
 * an entry ending in "*" allows every number with that prefix:
 *   "+8613800138000,+86139*"
 * Spaces, dashes, dots and parentheses are ignored on both sides.
 */
async function pipe(user, context, callback) {
  const body = (context.request && context.request.body) || {};
  const normalize = (value) => String(value || '').replace(/[\s().-]/g, '');
  const phone = normalize((user && user.phone) || body.phone);

  if (!phone) {
    return callback(new Error('Please use a phone number to sign up for the beta.'));
  }

  const entries = String(env.ALLOWED_PHONES || '')
    .split(',')
    .map((entry) => normalize(entry))
    .filter(Boolean);
  const listed = entries.some((entry) =>
    entry.endsWith('*') ? phone.startsWith(entry.slice(0, -1)) : phone === entry,
  );

  if (!listed) {
    log(`phone ${phone.slice(0, 4)}****${phone.slice(-2)} is not on the allow-list`);
    return callback(
      new Error('This phone number is not invited yet. Ask your contact to add it to the list.'),
    );
  }
  return callback(null, user, context);
}
