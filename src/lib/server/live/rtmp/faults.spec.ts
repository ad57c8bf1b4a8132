import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireFfmpeg } from '../../media/ffmpeg-lookup.ts';
import { eventually } from '../../testing/wait.ts';
import { encodeAmf0 } from './amf0.ts';
import { ChunkReader, MessageType } from './chunks.ts';
import {
	startRtmpServer,
	type IngestCloseReason,
	type IngestRefusal,
	type IngestSession,
	type RtmpServer,
	type RtmpServerOptions
} from './server.ts';
import { RawClient, recordingLogger, startEncoder } from './test-support.ts';

// This helper's reserved RTMP test ports are 19350-19359; server.spec.ts has 19350.
const PORT = 19351;
const SMALL_PORT = 19352;
const KEY = 'geheim-8e1d';

type Refusal = { meetingId: string | null; code: IngestRefusal; message: string };

function serverOptions(
	port: number,
	sessions: IngestSession[],
	refusals: Refusal[]
): RtmpServerOptions {
	return {
		host: '127.0.0.1',
		port,
		log: recordingLogger(),
		authorize: async (key) =>
			key === KEY
				? { ok: true, meetingId: 'sitzung-1' }
				: { ok: false, code: 'badKey', message: 'Der Stream-Schlüssel ist ungültig.' },
		onSession: (s) => void sessions.push(s),
		onRefused: (e) => void refusals.push(e)
	};
}

function closeReason(session: IngestSession) {
	return new Promise<IngestCloseReason>((resolve) => session.once('close', resolve));
}

// An AVC sequence header and a keyframe as an encoder would send them; the server reads only the
// first bytes (codec, frame type), so the rest may be filler.
const avcConfig = Buffer.concat([Buffer.from([0x17, 0, 0, 0, 0]), randomBytes(30)]);
const avcFrame = (size: number) =>
	Buffer.concat([Buffer.from([0x17, 1, 0, 0, 0]), randomBytes(size)]);

describe('RTMP faults end one connection, never the server', () => {
	const sessions: IngestSession[] = [];
	const refusals: Refusal[] = [];
	let server: RtmpServer;

	beforeAll(async () => {
		server = await startRtmpServer({
			...serverOptions(PORT, sessions, refusals),
			limits: {
				handshakeMs: 500,
				publishMs: 1_500,
				idleMs: 800,
				staleMs: 300,
				maxMessageBytes: 1024 * 1024
			}
		});
	});
	afterAll(() => server?.close());

	/** A client whose refusals are counted from the moment it connects. */
	async function connect() {
		const mark = refusals.length;
		const client = await RawClient.connect(PORT);
		return Object.assign(client, { mark });
	}

	async function expectRefused(client: RawClient & { mark: number }, code: IngestRefusal) {
		await client.closed;
		await eventually(async () => refusals.length > client.mark, 'Ablehnung');
		expect(refusals.slice(client.mark).map((r) => r.code)).toEqual([code]);
	}

	it('closes on random bytes', async () => {
		const client = await connect();
		const junk = randomBytes(4000);
		junk[0] = 0x17; // anything but version 3
		client.write(junk);
		await expectRefused(client, 'protocol');
		expect(client.bytesReceived).toBe(0);
	});

	it('closes on an HTTP request without answering it', async () => {
		const client = await connect();
		client.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
		await expectRefused(client, 'protocol');
		expect(client.bytesReceived).toBe(0);
	});

	it('closes on junk chunk headers after a valid handshake', async () => {
		const client = await connect();
		await client.handshake();
		// fmt 3 on a chunk stream that never had a full header cannot be parsed.
		client.write(Buffer.from([0xc5, 1, 2, 3, 4, 5, 6, 7]));
		await expectRefused(client, 'protocol');
	});

	it('times out a client that connects and sends nothing', async () => {
		const client = await connect();
		const started = Date.now();
		await expectRefused(client, 'timeout');
		expect(Date.now() - started).toBeLessThan(1_400);
	});

	it('refuses a chunk size above the limit', async () => {
		const client = await connect();
		await client.handshake();
		client.send(MessageType.setChunkSize, Buffer.from([0x7f, 0xff, 0xff, 0xff]), { csid: 2 });
		await expectRefused(client, 'protocol');
	});

	it('refuses a message above the limit before buffering it', async () => {
		const client = await connect();
		await client.handshake();
		// fmt 0 header announcing 16 MiB - 1 of video on csid 6.
		client.write(Buffer.from([0x06, 0, 0, 0, 0xff, 0xff, 0xff, 9, 1, 0, 0, 0, 0x17]));
		await expectRefused(client, 'protocol');
	});

	it('times out a connection that never publishes', async () => {
		const client = await connect();
		await client.handshake();
		client.send(MessageType.commandAmf0, encodeAmf0('connect', 1, { app: 'live' }));
		await expectRefused(client, 'timeout');
		expect(client.text()).toContain('NetConnection.Connect.Success');
	});

	it('acknowledges per the window the encoder announced', async () => {
		const client = await connect();
		await client.handshake();
		const window = Buffer.alloc(4);
		window.writeUInt32BE(5_000, 0);
		client.send(MessageType.windowAckSize, window, { csid: 2 });
		client.send(MessageType.commandAmf0, encodeAmf0('connect', 1, { app: 'live' }));
		// Media before publish is dropped, but its bytes count towards the window.
		for (let i = 0; i < 3; i++) client.send(MessageType.audio, randomBytes(3_000), { csid: 4 });
		const acks = await eventually(async () => {
			const reader = new ChunkReader({ maxChunkSize: 65_536, maxMessageBytes: 65_536 });
			const messages = reader.push(Buffer.concat(client.received));
			const found = messages.filter((m) => m.typeId === MessageType.acknowledgement);
			return found.length >= 1 && found;
		}, 'Acknowledgement');
		// The sequence number counts every byte received, handshake included (1 + 2 * 1536).
		expect(acks[0]?.payload.readUInt32BE(0)).toBeGreaterThanOrEqual(5_000);
		expect(acks[0]?.payload.readUInt32BE(0)).toBeLessThan(3_073 + 9_200 + 200);
		client.destroy();
	});

	it('refuses a wrong key with NetStream.Publish.BadName and a German description', async () => {
		const client = await connect();
		await client.handshake();
		client.publish('falsch');
		await expectRefused(client, 'badKey');
		const text = Buffer.concat(client.received).toString('utf8');
		expect(text).toContain('NetStream.Publish.BadName');
		expect(text).toContain('Der Stream-Schlüssel ist ungültig.');
		expect(text).not.toContain('falsch');
	});

	it('ends the session with timeout when a publishing encoder goes silent', async () => {
		const client = await connect();
		await client.handshake();
		const count = sessions.length;
		client.publish(KEY);
		const session = await eventually(async () => sessions[count], 'Sitzung');
		session.flv.resume();
		client.send(MessageType.video, avcConfig, { csid: 6, streamId: 1 });
		expect(await closeReason(session)).toBe('timeout');
		await client.closed;
		expect(session.stats().videoCodec).toBe('h264');
	});

	it('ends the session with dropped on a TCP reset mid-stream', async () => {
		const client = await connect();
		await client.handshake();
		const count = sessions.length;
		client.publish(KEY);
		const session = await eventually(async () => sessions[count], 'Sitzung');
		session.flv.resume();
		const reason = closeReason(session);
		client.send(MessageType.video, avcConfig, { csid: 6, streamId: 1 });
		client.send(MessageType.video, avcFrame(500), { csid: 6, streamId: 1, timestamp: 40 });
		await eventually(async () => session.stats().lastMediaAt, 'Medien');
		client.socket.resetAndDestroy();
		expect(await reason).toBe('dropped');
		expect(refusals.length).toBe(client.mark);
	});

	it('lets a reconnecting encoder replace its silent session, not a sending one', async () => {
		const count = sessions.length;
		const old = await connect();
		await old.handshake();
		old.publish(KEY);
		const first = await eventually(async () => sessions[count], 'erste Sitzung');
		first.flv.resume();
		const firstReason = closeReason(first);
		old.send(MessageType.video, avcConfig, { csid: 6, streamId: 1 });

		// While the first encoder still sends, a second one is busy.
		const early = await connect();
		await early.handshake();
		old.send(MessageType.video, avcFrame(100), { csid: 6, streamId: 1, timestamp: 40 });
		early.publish(KEY);
		await expectRefused(early, 'busy');

		// Its network dies without a FIN: the socket stays open but silent.
		await new Promise((resolve) => setTimeout(resolve, 400));
		const fresh = await connect();
		await fresh.handshake();
		fresh.publish(KEY);
		const second = await eventually(async () => sessions[count + 1], 'neue Sitzung');
		expect(await firstReason).toBe('dropped');
		expect(server.sessions()).toEqual([second]);
		await old.closed;
		second.close();
		await fresh.closed;
	});

	it('session.close() drops the encoder and ends the FLV', async () => {
		const client = await connect();
		await client.handshake();
		client.publish(KEY);
		const count = sessions.length;
		await eventually(async () => sessions.length > count, 'Sitzung');
		const session = sessions.at(-1)!;
		const ended = new Promise((resolve) => session.flv.once('end', resolve));
		session.flv.resume();
		session.close('Test');
		expect(await closeReason(session)).toBe('closed');
		await ended;
		await client.closed;
	});

	it('still takes a good encoder after all of that', async () => {
		const { ffmpeg } = await requireFfmpeg();
		const count = sessions.length;
		const encoder = startEncoder(ffmpeg, `rtmp://127.0.0.1:${PORT}/live/${KEY}`, { seconds: 2 });
		const session = await eventually(async () => sessions[count], 'Sitzung');
		session.flv.resume();
		const reason = closeReason(session);
		expect((await encoder.done).code).toBe(0);
		expect(await reason).toBe('ended');
	});
});

describe('RTMP limits', () => {
	const sessions: IngestSession[] = [];
	const refusals: Refusal[] = [];
	let server: RtmpServer;

	beforeAll(async () => {
		server = await startRtmpServer({
			...serverOptions(SMALL_PORT, sessions, refusals),
			limits: { maxBufferedBytes: 200_000, maxConnections: 2, idleMs: 5_000 }
		});
	});
	afterAll(() => server?.close());

	it('closes with overload when nobody reads the FLV', async () => {
		const client = await RawClient.connect(SMALL_PORT);
		await client.handshake();
		client.publish(KEY);
		const session = await eventually(async () => sessions[0], 'Sitzung');
		const reason = closeReason(session);
		client.send(MessageType.video, avcConfig, { csid: 6, streamId: 1 });
		for (let i = 1; i <= 10; i++) {
			client.send(MessageType.video, avcFrame(30_000), { csid: 6, streamId: 1, timestamp: i * 40 });
		}
		expect(await reason).toBe('overload');
		expect(refusals.at(-1)).toMatchObject({ code: 'overload', meetingId: session.meetingId });
		await client.closed;
	});

	it('refuses connections above the limit and closes every session on close()', async () => {
		const a = await RawClient.connect(SMALL_PORT);
		await a.handshake();
		a.publish(KEY);
		const b = await RawClient.connect(SMALL_PORT);
		await b.handshake();
		await eventually(async () => server.sessions().length === 1, 'Sitzung');
		const c = await RawClient.connect(SMALL_PORT);
		await c.closed;
		expect(refusals.at(-1)?.code).toBe('overload');

		const [session] = server.sessions();
		const reason = closeReason(session!);
		await server.close();
		expect(await reason).toBe('closed');
		await Promise.all([a.closed, b.closed]);
	});
});

describe('RTMP onSession', () => {
	const ONSESSION_PORT = 19354;
	const sessions: IngestSession[] = [];
	let server: RtmpServer;
	let fail = false;

	beforeAll(async () => {
		server = await startRtmpServer({
			...serverOptions(ONSESSION_PORT, sessions, []),
			// The caller's setup (transcoder start, database) may take a while or fail.
			onSession: async (s) => {
				sessions.push(s);
				await new Promise((resolve) => setTimeout(resolve, 300));
				if (fail) throw new Error('Transcoder startet nicht');
			}
		});
	});
	afterAll(() => server?.close());

	async function publishWithMedia() {
		const client = await RawClient.connect(ONSESSION_PORT);
		await client.handshake();
		const count = sessions.length;
		client.publish(KEY);
		client.send(MessageType.video, avcConfig, { csid: 6, streamId: 1 });
		client.send(MessageType.video, avcFrame(1000), { csid: 6, streamId: 1, timestamp: 40 });
		const session = await eventually(async () => sessions[count], 'Sitzung');
		return { client, session };
	}

	it('keeps reading media while a slow onSession runs', async () => {
		const { client, session } = await publishWithMedia();
		// Both tags are in flv before onSession has finished.
		await eventually(async () => session.stats().bufferedBytes > 1000, 'gepufferte Medien', 150);
		session.close();
		await client.closed;
	});

	it('closes the session when onSession fails', async () => {
		fail = true;
		const { client, session } = await publishWithMedia();
		expect(await closeReason(session)).toBe('closed');
		await client.closed;
	});
});
