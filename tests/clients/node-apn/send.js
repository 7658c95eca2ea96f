// Sends one alert with @parse/node-apn, unmodified, to pushdiag's APNs emulator.
//
// What points it at the emulator is node-apn's own connection settings: `address` (the host,
// 127.0.0.1 for Apple's api.sandbox.push.apple.com), `port` (the emulator's APNs port) and `ca`
// (the CA `pushdiag emulate --tls-ca-out` writes). Token auth with the key in APNS_KEY (a .p8
// path), APNS_KEY_ID and APNS_TEAM_ID. Prints one JSON line: node-apn's result and version.
//
// Env: APNS_ADDRESS APNS_PORT APNS_CA APNS_KEY APNS_KEY_ID APNS_TEAM_ID APNS_TOPIC APNS_DEVICE
// APNS_EXT (the ext, a JSON string, sent as a custom key as Tencent's plugins read it).
'use strict';

const apn = require('@parse/node-apn');
const version = require('@parse/node-apn/package.json').version;

async function main() {
  const env = process.env;
  const provider = new apn.Provider({
    token: { key: env.APNS_KEY, keyId: env.APNS_KEY_ID, teamId: env.APNS_TEAM_ID },
    address: env.APNS_ADDRESS,
    port: Number(env.APNS_PORT),
    ca: env.APNS_CA,
  });
  const note = new apn.Notification();
  note.topic = env.APNS_TOPIC;
  note.pushType = 'alert';
  note.priority = 10;
  note.alert = { title: 'pushdiag', body: 'from node-apn' };
  note.sound = 'default';
  note.payload = { ext: env.APNS_EXT };
  const result = await provider.send(note, env.APNS_DEVICE);
  provider.shutdown();
  console.log(JSON.stringify({ version, sent: result.sent, failed: result.failed }));
  process.exit(result.failed.length === 0 ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(2);
});
