/**
 * Generic webhook.
 *
 * POSTs a JSON event to env.WEBHOOK_URL with "Authorization: Bearer <WEBHOOK_TOKEN>":
 *   { event, occurredAt, user: { id, email, phone, username }, app: { id, name }, ip }
 * env.WEBHOOK_EVENT names the event ("user.registered" when unset).
 */
async function pipe(user, context, callback) {
  const payload = {
    event: env.WEBHOOK_EVENT || 'user.registered',
    occurredAt: new Date().toISOString(),
    userPoolId: user.userPoolId || context.userPoolId || null,
    user: {
      id: user.id,
      email: user.email || null,
      phone: user.phone || null,
      username: user.username || null,
    },
    app: { id: context.appId || null, name: context.appName || null },
    ip: (context.request && context.request.ip) || context.ip || null,
  };

  try {
    const response = await axios.post(env.WEBHOOK_URL, payload, {
      headers: { Authorization: `Bearer ${env.WEBHOOK_TOKEN}`, 'Content-Type': 'application/json' },
      timeout: 4000,
    });
    log(`webhook answered ${response.status}`);
  } catch (err) {
    log(`webhook failed: ${err.response ? `HTTP ${err.response.status}` : err.message}`);
  }
  return callback(null, user, context);
}
