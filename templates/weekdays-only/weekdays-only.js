/**
 * Weekdays (and office hours) only.
 *
 * Refuses sign-in on Saturday and Sunday. With env.OFFICE_HOURS = "08-20" it also
 * refuses before 08:00 and from 20:00 on. The day and hour come from the platform's
 * local clock (new Date()), so they follow the timezone the platform runs in.
 */
async function pipe(user, context, callback) {
  const now = new Date();
  const day = now.getDay(); // 0 = Sunday, 6 = Saturday
  if (day === 0 || day === 6) {
    return callback(new Error('Sign-in is only available Monday to Friday.'));
  }

  const hours = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(env.OFFICE_HOURS || '');
  if (hours) {
    const start = Number(hours[1]);
    const end = Number(hours[2]);
    const hour = now.getHours();
    if (hour < start || hour >= end) {
      const pad = (n) => String(n).padStart(2, '0');
      return callback(new Error(`Sign-in is only available between ${pad(start)}:00 and ${pad(end)}:00.`));
    }
  } else if (env.OFFICE_HOURS) {
    log(`OFFICE_HOURS "${env.OFFICE_HOURS}" is not like "08-20"; hours are not checked`);
  }
  return callback(null, user, context);
}
