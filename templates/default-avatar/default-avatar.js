/**
 * Default avatar.
 *
 * A new user without a photo gets https://www.gravatar.com/avatar/<md5 of the
 * address>?d=<GRAVATAR_DEFAULT>&s=200, or env.DEFAULT_AVATAR_URL when they have no
 * e-mail address. The photo is saved with authing.users.update and passed on to
 * the next stage in user.photo.
 */
async function pipe(user, context, callback) {
  if (user.photo) {
    return callback(null, user, context);
  }

  let photo = env.DEFAULT_AVATAR_URL;
  if (user.email) {
    const crypto = require('crypto');
    const hash = crypto.createHash('md5').update(user.email.trim().toLowerCase()).digest('hex');
    const fallback = encodeURIComponent(env.GRAVATAR_DEFAULT || 'identicon');
    photo = `https://www.gravatar.com/avatar/${hash}?d=${fallback}&s=200`;
  }
  if (!photo) {
    log('no e-mail address and no DEFAULT_AVATAR_URL: avatar left empty');
    return callback(null, user, context);
  }

  await authing.users.update(user.id, { photo });
  user.photo = photo;
  return callback(null, user, context);
}
