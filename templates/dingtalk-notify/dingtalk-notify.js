/**
 * DingTalk: announce new users.
 *
 * Posts to the group robot in the secret DINGTALK_WEBHOOK_URL. A robot secured by
 * keyword drops messages without it, so env.DINGTALK_KEYWORD is put first.
 * DingTalk reports rejections as HTTP 200 with a non-zero "errcode": both are logged.
 */
async function pipe(user, context, callback) {
  const keyword = env.DINGTALK_KEYWORD ? `${env.DINGTALK_KEYWORD} ` : '';
  const who = user.email || user.phone || user.username || user.id;
  const content = `${keyword}New user ${who} registered in ${context.appName || context.appId || 'an app'}.`;

  try {
    const response = await axios.post(
      env.DINGTALK_WEBHOOK_URL,
      { msgtype: 'text', text: { content } },
      { timeout: 4000 },
    );
    const result = response.data || {};
    if (result.errcode !== 0) {
      log(`DingTalk rejected the message: ${result.errcode} ${result.errmsg}`);
    }
  } catch (err) {
    log(`DingTalk notification failed: ${err.response ? `HTTP ${err.response.status}` : err.message}`);
  }
  return callback(null, user, context);
}
