// The vivo test push as Tencent's Flutter guide has people do it ("VIVO调试": npm install axios
// js-md5; node testvivo): authenticate with md5(appId + appKey + timestamp + appSecret), then a
// single push in test mode (pushMode 1) with the ext in clientCustomMap. The guide's script is a
// download this machine cannot reach, so this is the same flow written from vivo's documented
// API with the same two npm packages; tests/cli/clients.rs runs it against pushdiag's emulator.
//
// The five parameters the guide has people edit at the top come from the environment here.
const axios = require("axios");
const md5 = require("js-md5");

const base = process.env.VIVO_BASE; // the emulator's http://127.0.0.1:PORT/vivo
const appId = Number(process.env.VIVO_APP_ID);
const appKey = process.env.VIVO_APP_KEY;
const appSecret = process.env.VIVO_APP_SECRET;
const regId = process.env.VIVO_REG_ID;

async function main() {
  const timestamp = Date.now();
  const sign = md5(`${appId}${appKey}${timestamp}${appSecret}`);
  const auth = await axios.post(`${base}/message/auth`, { appId, appKey, timestamp, sign });
  if (auth.data.result !== 0) {
    throw new Error(`auth refused: ${JSON.stringify(auth.data)}`);
  }
  const send = await axios.post(
    `${base}/message/send`,
    {
      appId,
      regId,
      notifyType: 4,
      title: "node testvivo",
      content: "sent by the seed's flow",
      timeToLive: 86400,
      skipType: 1,
      classification: 1,
      category: "IM",
      clientCustomMap: { ext: JSON.stringify({ conversationID: "c2c_node", entity: { sender: "node" } }) },
      requestId: `node-${timestamp}`,
      pushMode: 1,
    },
    { headers: { authToken: auth.data.authToken } },
  );
  // The guide: "推送结果会显示在log最后一行" (the result is the last line of the log).
  console.log(JSON.stringify(send.data));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
