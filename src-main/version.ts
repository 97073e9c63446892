/** The app version, as sent in User-Agent and written into HAR files (keep in step with package.json). */
export const APP_VERSION = '0.1.0';
export const USER_AGENT = `Authbench/${APP_VERSION}`;
