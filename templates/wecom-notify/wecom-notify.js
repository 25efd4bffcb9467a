/**
 * WeCom (WeChat Work): announce new users.
 *
 * Sends a Markdown message to the group robot in the secret WECOM_WEBHOOK_URL.
 * WeCom reports rejections as HTTP 200 with a non-zero "errcode": both are logged.
 */
async function pipe(user, context, callback) {
  const who = user.email || user.phone || user.username || user.id;
  const content = [
    `**New user registered**`,
    `> User: <font color="info">${who}</font>`,
    `> App: ${context.appName || context.appId || '-'}`,
    `> Method: ${context.protocol || '-'}`,
    `> Time: ${new Date().toISOString()}`,
  ].join('\n');

  try {
    const response = await axios.post(
      env.WECOM_WEBHOOK_URL,
      { msgtype: 'markdown', markdown: { content } },
      { timeout: 4000 },
    );
    const result = response.data || {};
    if (result.errcode !== 0) {
      log(`WeCom rejected the message: ${result.errcode} ${result.errmsg}`);
    }
  } catch (err) {
    log(`WeCom notification failed: ${err.response ? `HTTP ${err.response.status}` : err.message}`);
  }
  return callback(null, user, context);
}
