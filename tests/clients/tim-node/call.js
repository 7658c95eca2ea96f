// Calls pushdiag's emulated Tencent IM REST API as a Node.js app server would: a UserSig made by
// Tencent's `tls-sig-api-v2` (npm), unmodified, then account_check and sendmsg over HTTP.
//
// What points it at the emulator is the IM domain alone: the REST base URL (Tencent's
// https://console.tim.qq.com becomes the emulator's http://127.0.0.1:PORT/tim); the UserSig is
// the library's, with the emulator's SDKAppID and secret key.
//
// Usage: node call.js BASE_URL SDKAPPID ADMIN TO_ACCOUNT   (the secret key in $TIM_SECRET_KEY)
// Prints one JSON line with both answers and the library's version.
'use strict';

const http = require('http');
const crypto = require('crypto');
const TLSSigAPIv2 = require('tls-sig-api-v2');
const version = require('tls-sig-api-v2/package.json').version;

function call(base, sdkappid, admin, usersig, path, body) {
  const query = new URLSearchParams({
    sdkappid: String(sdkappid),
    identifier: admin,
    usersig,
    random: String(crypto.randomInt(0, 4294967295)),
    contenttype: 'json',
  });
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}${path}?${query}`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': data.length } },
      response => {
        const chunks = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
      }
    );
    request.setTimeout(10000, () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(data);
  });
}

async function main() {
  const [base, sdkappid, admin, to] = process.argv.slice(2);
  const usersig = new TLSSigAPIv2.Api(Number(sdkappid), process.env.TIM_SECRET_KEY).genUserSig(admin, 300);
  const accountCheck = await call(base, sdkappid, admin, usersig, '/v4/im_open_login_svc/account_check', {
    CheckItem: [{ UserID: admin }, { UserID: to }],
  });
  const sendmsg = await call(base, sdkappid, admin, usersig, '/v4/openim/sendmsg', {
    To_Account: to,
    MsgRandom: crypto.randomInt(0, 4294967295),
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'from the npm library' } }],
    OfflinePushInfo: {
      Title: 'npm',
      Desc: 'from the npm library',
      Ext: JSON.stringify({ entity: { version: 1 } }),
    },
  });
  console.log(JSON.stringify({ version, account_check: accountCheck, sendmsg }));
}

main().catch(error => {
  console.error(error);
  process.exit(2);
});
