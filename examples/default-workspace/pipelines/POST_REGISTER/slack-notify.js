/**
 * Slack: announce new users.
 *
 * Posts "New user ... registered" to the channel of the incoming webhook in the
 * secret SLACK_WEBHOOK_URL. Meant to run asynchronously after registration: a Slack
 * outage is logged and never affects the person signing up.
 */
async function pipe(user, context, callback) {
  const who = user.email || user.phone || user.username || user.id;
  const app = context.appName || context.appId || 'an unknown app';
  const where = context.request && context.request.geo && context.request.geo.country;
  const text = `:wave: New user *${who}* registered in ${app} via ${context.protocol || 'an unknown method'}${
    where ? ` from ${where}` : ''
  }.`;

  try {
    await axios.post(env.SLACK_WEBHOOK_URL, { text }, { timeout: 4000 });
    log(`Slack notified about ${user.id}`);
  } catch (err) {
    log(`Slack notification failed: ${err.response ? `HTTP ${err.response.status}` : err.message}`);
  }
  return callback(null, user, context);
}
