// A LiveKit-compatible test double: the signalling of a LiveKit server (protocol v16 over a
// WebSocket, messages from @livekit/protocol), tokens checked with livekit-server-sdk's
// TokenVerifier, and the WebRTC end of both peer connections in werift, counting the VP8 frames
// and keyframes it receives. Controlled over stdin/stdout (one JSON object per line), because it
// runs inside the test's network namespace where the test process cannot reach it over TCP.
//   node double.mjs --host 10.77.0.2 --port 7880 --key devkey --secret secret
// stdin: "stats <n>" (prints {"type":"stats",...}), "kill" (drops every connection), "refuse-resume on|off",
//   "leave" (tells every client to leave for good, as a server closing the room does),
//   "participant-join <identity>" / "participant-leave <identity>" (a remote participant comes and goes),
//   "send <identity> <topic> <text...>" (that participant sends a reliable data packet to every client).
// Data packets the clients publish are printed as {"type":"data","topic":...,"text":...,"reliable":...}.
import http from 'node:http';
import readline from 'node:readline';
import { WebSocketServer } from 'ws';
import { TokenVerifier } from 'livekit-server-sdk';
import {
  SignalRequest, SignalResponse, JoinResponse, Room, ParticipantInfo, ParticipantInfo_State, ServerInfo,
  SessionDescription, TrickleRequest, SignalTarget, TrackPublishedResponse, TrackInfo, TrackType,
  ParticipantUpdate, DataPacket, DataPacket_Kind, UserPacket, LeaveRequest, LeaveRequest_Action, DisconnectReason,
} from '@livekit/protocol';
import { RTCPeerConnection, RTCRtpCodecParameters } from 'werift';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const host = args.host ?? '127.0.0.1';
const port = Number(args.port ?? 7880);
const verifier = new TokenVerifier(args.key ?? 'devkey', args.secret ?? 'secret');
const say = message => process.stdout.write(JSON.stringify(message) + '\n');

const stats = { joins: 0, rejected: 0, tracks: [], rtpPackets: 0, frames: 0, keyframes: 0, keyframeWidth: 0, keyframeHeight: 0, bytes: 0, mutes: [], dataChannels: 0, data: {} };
const connections = new Set();
const remoteParticipants = new Map(); // identity -> ParticipantInfo of the double's own "other" participants
let nextId = 1;

const codecs = {
  video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' }] })],
  audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
};

// The double sends no congestion feedback, so libwebrtc would stay at its 300 kbps start and
// shrink the picture; a start bitrate in the answer stands in for the estimate a real SFU's
// feedback would give, so the source's resolution is kept.
function withStartBitrate(sdp) {
  return sdp.replace(/a=rtpmap:(\d+) VP8\/90000\r\n/g, (line, pt) => `${line}a=fmtp:${pt} x-google-start-bitrate=2500\r\n`);
}

async function verify(req) {
  const url = new URL(req.url, 'http://double');
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('access_token');
  if (!token) throw new Error('no access token');
  return { url, grants: await verifier.verify(token) };
}

// VP8 RTP payload (RFC 7741): skip the payload descriptor; a frame's first packet with P=0 is a keyframe.
function countVp8(rtp) {
  const p = rtp.payload;
  stats.rtpPackets++;
  stats.bytes += p.length;
  if (rtp.header.marker) stats.frames++;
  let i = 1;
  const start = (p[0] & 0x10) !== 0 && (p[0] & 0x07) === 0;
  if (p[0] & 0x80) {
    const x = p[1];
    i = 2;
    if (x & 0x80) i += (p[i] & 0x80) ? 2 : 1;
    if (x & 0x40) i++;
    if (x & 0x30) i++;
  }
  if (start && (p[i] & 0x01) === 0 && p[i + 3] === 0x9d && p[i + 4] === 0x01 && p[i + 5] === 0x2a) {
    stats.keyframes++;
    stats.keyframeWidth = (p[i + 6] | (p[i + 7] << 8)) & 0x3fff;
    stats.keyframeHeight = (p[i + 8] | (p[i + 9] << 8)) & 0x3fff;
    say({ type: 'keyframe', width: stats.keyframeWidth, height: stats.keyframeHeight });
  }
}

function connectionOf(ws, grants) {
  const send = message => ws.readyState === ws.OPEN && ws.send(new SignalResponse({ message }).toBinary());
  const conn = { ws, pcs: [] };
  const trickleFrom = (pc, target) => {
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) send({ case: 'trickle', value: new TrickleRequest({ candidateInit: JSON.stringify(candidate.toJSON()), target }) });
    };
  };
  // The subscriber connection (the server offers); LiveKit's SDKs report "connected" once it is up.
  const subscriber = new RTCPeerConnection({ codecs });
  // What a real SFU forwards from other participants arrives on the subscriber connection's channel.
  conn.reliable = subscriber.createDataChannel('_reliable');
  conn.send = send;
  trickleFrom(subscriber, SignalTarget.SUBSCRIBER);
  let publisher;
  conn.pcs.push(subscriber);
  conn.close = () => {
    for (const pc of conn.pcs) pc.close().catch(() => {});
    ws.terminate();
  };

  ws.on('message', async data => {
    const request = SignalRequest.fromBinary(new Uint8Array(data));
    const { case: kind, value } = request.message;
    switch (kind) {
      case 'offer': {
        if (!publisher) {
          publisher = new RTCPeerConnection({ codecs });
          conn.pcs.push(publisher);
          trickleFrom(publisher, SignalTarget.PUBLISHER);
          publisher.onTransceiverAdded.subscribe(transceiver => transceiver.onTrack.subscribe(track => track.onReceiveRtp.subscribe(countVp8)));
          publisher.onDataChannel.subscribe(channel => {
            stats.dataChannels++;
            channel.onMessage.subscribe(data => onClientData(data, channel.label));
          });
        }
        await publisher.setRemoteDescription({ type: 'offer', sdp: value.sdp });
        await publisher.setLocalDescription(await publisher.createAnswer());
        send({ case: 'answer', value: new SessionDescription({ type: 'answer', sdp: withStartBitrate(publisher.localDescription.sdp) }) });
        break;
      }
      case 'answer':
        await subscriber.setRemoteDescription({ type: 'answer', sdp: value.sdp });
        break;
      case 'trickle': {
        const pc = value.target === SignalTarget.PUBLISHER ? publisher : subscriber;
        if (pc) await pc.addIceCandidate(JSON.parse(value.candidateInit)).catch(() => {});
        break;
      }
      case 'addTrack': {
        const info = new TrackInfo({ sid: `TR_${nextId++}`, name: value.name, type: value.type, source: value.source, width: value.width, height: value.height, muted: value.muted });
        stats.tracks.push({ sid: info.sid, name: info.name, source: info.source, width: info.width, height: info.height });
        say({ type: 'track', sid: info.sid, width: info.width, height: info.height, source: info.source });
        send({ case: 'trackPublished', value: new TrackPublishedResponse({ cid: value.cid, track: info }) });
        break;
      }
      case 'mute':
        stats.mutes.push(value.muted);
        say({ type: 'mute', muted: value.muted });
        break;
      case 'ping':
        send({ case: 'pong', value: value });
        break;
      case 'pingReq':
        send({ case: 'pongResp', value: { lastPingTimestamp: value.timestamp, timestamp: BigInt(Date.now()) } });
        break;
      case 'leave':
        say({ type: 'leave' });
        break;
      default:
        break;
    }
  });
  ws.on('close', () => connections.delete(conn));

  const identity = grants.sub;
  send({
    case: 'join',
    value: new JoinResponse({
      room: new Room({ sid: `RM_${grants.video?.room ?? 'room'}`, name: grants.video?.room ?? '' }),
      participant: new ParticipantInfo({ sid: `PA_${nextId++}`, identity, state: ParticipantInfo_State.ACTIVE }),
      otherParticipants: [...remoteParticipants.values()],
      serverInfo: new ServerInfo({ protocol: 16, version: '1.9.0-double' }),
      serverVersion: '1.9.0-double',
      subscriberPrimary: true,
      pingInterval: 5,
      pingTimeout: 15,
    }),
  });
  (async () => {
    await subscriber.setLocalDescription(await subscriber.createOffer());
    send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp: subscriber.localDescription.sdp }) });
  })().catch(error => say({ type: 'error', message: String(error) }));
  connections.add(conn);
  return conn;
}

// A data packet a client published (on its publisher connection): counted per topic and printed.
function onClientData(data, label) {
  if (typeof data === 'string') return;
  const packet = DataPacket.fromBinary(new Uint8Array(data));
  if (packet.value.case !== 'user') return;
  const user = packet.value.value;
  stats.data[user.topic ?? ''] = (stats.data[user.topic ?? ''] ?? 0) + 1;
  say({ type: 'data', topic: user.topic ?? '', text: Buffer.from(user.payload).toString('utf8'), reliable: label === '_reliable', to: [...packet.destinationIdentities] });
}

function updateParticipant(identity, state) {
  let info = remoteParticipants.get(identity);
  if (!info) info = new ParticipantInfo({ sid: `PA_${nextId++}`, identity, joinedAt: BigInt(Math.floor(Date.now() / 1000)) });
  info.state = state;
  if (state === ParticipantInfo_State.DISCONNECTED) remoteParticipants.delete(identity);
  else remoteParticipants.set(identity, info);
  for (const conn of connections) conn.send({ case: 'update', value: new ParticipantUpdate({ participants: [info] }) });
  return info;
}

function sendAs(identity, topic, text) {
  const info = remoteParticipants.get(identity);
  const packet = new DataPacket({
    kind: DataPacket_Kind.RELIABLE,
    participantIdentity: identity,
    participantSid: info?.sid ?? '',
    value: { case: 'user', value: new UserPacket({ participantIdentity: identity, participantSid: info?.sid ?? '', payload: Buffer.from(text, 'utf8'), topic }) },
  });
  let sent = 0;
  for (const conn of connections) {
    if (conn.reliable.readyState === 'open') {
      conn.reliable.send(Buffer.from(packet.toBinary()));
      sent++;
    }
  }
  say({ type: 'sent', n: ++sends, identity, topic, clients: sent });
}

let sends = 0;
let refuseResume = true;
const server = http.createServer(async (req, res) => {
  if (req.url.startsWith('/rtc/validate')) {
    try {
      await verify(req);
      res.writeHead(200).end('success');
    } catch (error) {
      res.writeHead(401).end(`invalid token: ${error.code ?? error.message}`);
    }
    return;
  }
  say({ type: 'not-found', url: req.url });
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', async (req, socket, head) => {
  let verified;
  try {
    verified = await verify(req);
  } catch (error) {
    stats.rejected++;
    say({ type: 'rejected', reason: error.code ?? error.message });
    socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
    return;
  }
  if (verified.url.searchParams.get('reconnect') === '1' && refuseResume) {
    // No session state to resume: make the SDK start over with a full join, as a restarted server would.
    say({ type: 'resume-refused' });
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return;
  }
  stats.joins++;
  say({ type: 'joined', identity: verified.grants.sub, room: verified.grants.video?.room });
  wss.handleUpgrade(req, socket, head, ws => connectionOf(ws, verified.grants));
});

readline.createInterface({ input: process.stdin }).on('line', line => {
  const [command, arg, ...rest] = line.trim().split(/\s+/);
  if (command === 'stats') say({ type: 'stats', request: Number(arg), ...stats, connections: connections.size });
  if (command === 'kill') {
    for (const conn of [...connections]) conn.close();
    connections.clear();
    say({ type: 'killed' });
  }
  if (command === 'refuse-resume') refuseResume = arg !== 'off';
  if (command === 'leave') {
    for (const conn of connections) {
      conn.send({ case: 'leave', value: new LeaveRequest({ canReconnect: false, reason: DisconnectReason.ROOM_DELETED, action: LeaveRequest_Action.DISCONNECT }) });
    }
    say({ type: 'left-all' });
  }
  if (command === 'participant-join') say({ type: 'participant', identity: arg, sid: updateParticipant(arg, ParticipantInfo_State.ACTIVE).sid });
  if (command === 'participant-leave') {
    updateParticipant(arg, ParticipantInfo_State.DISCONNECTED);
    say({ type: 'participant-left', identity: arg });
  }
  if (command === 'send') sendAs(arg, rest[0], line.trim().replace(/^send\s+\S+\s+\S+\s*/, ''));
});
process.stdin.on('end', () => process.exit(0));
server.listen(port, host, () => say({ type: 'listening', host, port }));
