/**
 * Risk score from an HTTP API.
 *
 * POSTs { userId, email, ip, geo, appId } to env.RISK_API_URL (header x-api-key:
 * RISK_API_KEY); the service answers { "score": 0-100 }. Scores at or above
 * env.RISK_THRESHOLD (70 when unset) are refused. When the service fails, the
 * sign-in is refused unless env.RISK_FAIL_OPEN is "true".
 */
async function pipe(user, context, callback) {
  const request = context.request || {};
  const threshold = Number(env.RISK_THRESHOLD || 70);
  const failOpen = env.RISK_FAIL_OPEN === 'true';

  let score;
  try {
    const response = await axios.post(
      env.RISK_API_URL,
      {
        userId: (user && user.id) || null,
        email: (user && user.email) || (request.body && request.body.email) || null,
        ip: request.ip || context.ip || null,
        geo: request.geo || context.geo || null,
        appId: context.appId || null,
      },
      { headers: { 'x-api-key': env.RISK_API_KEY }, timeout: 3000 },
    );
    score = Number(response.data && response.data.score);
  } catch (err) {
    log(`risk service failed: ${err.response ? `HTTP ${err.response.status}` : err.message}`);
  }

  if (score === undefined || Number.isNaN(score)) {
    if (failOpen) {
      log('no risk score; letting the sign-in through because RISK_FAIL_OPEN is true');
      return callback(null, user, context);
    }
    return callback(new Error('We could not check this sign-in right now. Please try again in a moment.'));
  }

  log(`risk score ${score} (threshold ${threshold})`);
  if (score >= threshold) {
    return callback(
      new Error('This sign-in looks unusual, so we blocked it. If it was you, contact support to unlock it.'),
    );
  }
  return callback(null, user, context);
}
