// A real subscriber for the real-server test: LiveKit's official Node SDK (@livekit/rtc-node, the
// package the service takes its core from) joins the room with a subscribe-only token minted by
// livekit-server-sdk, subscribes to video tracks and reports the frames it decodes.
//   LIVEKIT_API_KEY=... LIVEKIT_API_SECRET=... node subscriber.mjs <url> <room> <identity>
// stdout, one JSON object per line: connected, subscribed {source, name, identity}, frames {frames, width, height}.
// Ends (disconnecting) when stdin closes.
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rtc = createRequire(path.join(here, '../../src/Navigator.LiveKit/Ffi/npm/package.json'))('@livekit/rtc-node');
const { AccessToken } = createRequire(path.join(here, '../Navigator.LiveKit.Tests/package.json'))('livekit-server-sdk');
const [url, roomName, identity] = process.argv.slice(2);
const say = message => process.stdout.write(JSON.stringify(message) + '\n');
const VIDEO = 2; // TrackKind.KIND_VIDEO

const token = new AccessToken(process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET, { identity });
token.addGrant({ roomJoin: true, room: roomName, canSubscribe: true, canPublish: false, canPublishData: false });

const room = new rtc.Room();
room.on(rtc.RoomEvent.TrackSubscribed, (track, publication, participant) => {
  if (track.kind !== VIDEO) return;
  say({ type: 'subscribed', source: publication.source, name: publication.name, identity: participant.identity });
  (async () => {
    let frames = 0;
    for await (const { frame } of new rtc.VideoStream(track)) {
      frames++;
      if (frames === 1 || frames % 10 === 0) say({ type: 'frames', frames, width: frame.width, height: frame.height });
    }
  })().catch(error => say({ type: 'error', message: String(error) }));
});

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await room.disconnect().catch(() => {});
  await rtc.dispose().catch(() => {});
  process.exit(0);
}

readline.createInterface({ input: process.stdin }).on('close', close);
try {
  await room.connect(url, await token.toJwt(), { autoSubscribe: true, dynacast: false });
  say({ type: 'connected', room: room.name });
} catch (error) {
  say({ type: 'error', message: String(error) });
  process.exit(1);
}
