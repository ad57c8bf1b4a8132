import { encodeAmf0, type AmfValue } from './amf0.ts';
import { MessageType, type RtmpMessage } from './chunks.ts';

/** The server's side of the NetConnection/NetStream conversation, as RTMP messages. */

// Conventional chunk stream ids: 2 for protocol control, 3 for connection commands, 5 for
// stream status (what FMS, nginx-rtmp and ffmpeg use; clients accept any).
const CSID_CONTROL = 2;
const CSID_COMMAND = 3;
const CSID_STATUS = 5;

export const OUT_CHUNK_SIZE = 4096;
// Both values only tell the encoder how often to acknowledge; 2.5 MB is what FMS announced.
const WINDOW_ACK_SIZE = 2_500_000;
const PEER_BANDWIDTH_DYNAMIC = 2;

function control(typeId: number, payload: Buffer): RtmpMessage {
	return { csid: CSID_CONTROL, typeId, streamId: 0, timestamp: 0, payload };
}

function uint32(value: number, extra: number[] = []): Buffer {
	const b = Buffer.alloc(4 + extra.length);
	b.writeUInt32BE(value >>> 0, 0);
	extra.forEach((v, i) => (b[4 + i] = v));
	return b;
}

export function acknowledgement(sequence: number): RtmpMessage {
	return control(MessageType.acknowledgement, uint32(sequence));
}

export function streamBegin(streamId: number): RtmpMessage {
	const b = Buffer.alloc(6);
	b.writeUInt16BE(0, 0); // user control event 0: Stream Begin
	b.writeUInt32BE(streamId, 2);
	return control(MessageType.userControl, b);
}

function command(streamId: number, csid: number, ...values: AmfValue[]): RtmpMessage {
	return {
		csid,
		typeId: MessageType.commandAmf0,
		streamId,
		timestamp: 0,
		payload: encodeAmf0(...values)
	};
}

/** Window Ack Size, Set Peer Bandwidth, Set Chunk Size and the connect _result, in that order
 * (librtmp and ffmpeg both accept it; OBS waits for the _result before createStream). */
export function connectAccepted(transactionId: number): RtmpMessage[] {
	return [
		control(MessageType.windowAckSize, uint32(WINDOW_ACK_SIZE)),
		control(MessageType.setPeerBandwidth, uint32(WINDOW_ACK_SIZE, [PEER_BANDWIDTH_DYNAMIC])),
		control(MessageType.setChunkSize, uint32(OUT_CHUNK_SIZE)),
		command(
			0,
			CSID_COMMAND,
			'_result',
			transactionId,
			{ fmsVer: 'FMS/3,5,7,7009', capabilities: 31, mode: 1 },
			{
				level: 'status',
				code: 'NetConnection.Connect.Success',
				description: 'Connection succeeded.',
				objectEncoding: 0
			}
		)
	];
}

export function emptyResult(transactionId: number): RtmpMessage {
	return command(0, CSID_COMMAND, '_result', transactionId, null, undefined);
}

export function createStreamResult(transactionId: number, streamId: number): RtmpMessage {
	return command(0, CSID_COMMAND, '_result', transactionId, null, streamId);
}

export function onStatus(
	streamId: number,
	level: 'status' | 'error',
	code: string,
	description: string
): RtmpMessage {
	return command(streamId, CSID_STATUS, 'onStatus', 0, null, { level, code, description });
}
