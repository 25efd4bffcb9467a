/**
 * Lark (Feishu): announce new users.
 *
 * Sends a text message through the custom bot whose webhook URL is in the secret
 * LARK_WEBHOOK_URL. Lark answers HTTP 200 even when it rejects a message, with a
 * non-zero "code" in the body, so both kinds of failure are logged.
 */
async function pipe(user, context, callback) {
  const who = user.email || user.phone || user.username || user.id;
  const text = `New user registered: ${who}\nApp: ${context.appName || context.appId || '-'}\nMethod: ${
    context.protocol || '-'
  }\nUser ID: ${user.id}`;

  try {
    const response = await axios.post(
      env.LARK_WEBHOOK_URL,
      { msg_type: 'text', content: { text } },
      { timeout: 4000 },
    );
    const result = response.data || {};
    if (result.code !== 0) {
      log(`Lark rejected the message: ${result.code} ${result.msg}`);
    }
  } catch (err) {
    log(`Lark notification failed: ${err.response ? `HTTP ${err.response.status}` : err.message}`);
  }
  return callback(null, user, context);
}
