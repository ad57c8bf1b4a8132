/**
 * ffmpeg arguments for a stand-in RTMP encoder: lavfi's test picture and a tone, published the
 * way OBS or a hardware encoder in the council chamber would. Used by the ingest specs (and
 * meant for the live benchmark); it never reads user input, and only publishes to rtmp://.
 */

export interface TestEncoderOptions {
	/** rtmp://host:port/app/key */
	url: string;
	seconds?: number;
	/** WxH of the generated picture. */
	size?: string;
	fps?: number;
	/** Keyframe interval in seconds (x264 -g). */
	keyframeSeconds?: number;
	video?: 'h264' | 'flv1';
	audio?: 'aac' | 'pcm_s16le' | 'nellymoser' | null;
	logLevel?: 'error' | 'debug';
}

const VIDEO_CODECS = {
	// zerolatency: no lookahead or B-frames, what a live encoder is set to.
	h264: ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'],
	flv1: ['-c:v', 'flv']
} as const;

const AUDIO_CODECS = {
	aac: ['-c:a', 'aac', '-b:a', '64k'],
	pcm_s16le: ['-c:a', 'pcm_s16le'],
	nellymoser: ['-c:a', 'nellymoser']
} as const;

export function testEncoderArgs(o: TestEncoderOptions): string[] {
	if (!/^rtmp:\/\/[^\s/]+\/\S+$/.test(o.url))
		throw new Error('Der Test-Encoder sendet nur an rtmp://-Adressen.');
	const size = o.size ?? '320x180';
	if (!/^\d{2,4}x\d{2,4}$/.test(size)) throw new Error(`Ungültige Bildgröße ${size}.`);
	const fps = o.fps ?? 25;
	const audio = o.audio === undefined ? 'aac' : o.audio;
	return [
		...['-hide_banner', '-loglevel', o.logLevel ?? 'error', '-nostdin'],
		// -re: send in real time like a camera, not as fast as the CPU allows.
		...['-re', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}`],
		...(audio ? ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100'] : []),
		...VIDEO_CODECS[o.video ?? 'h264'],
		...['-g', String(Math.round(fps * (o.keyframeSeconds ?? 2)))],
		...(audio ? AUDIO_CODECS[audio] : ['-an']),
		...['-t', String(o.seconds ?? 4)],
		// ffmpeg's RTMP client asks for live publishing (the publish type argument) with this.
		...['-rtmp_live', 'live', '-f', 'flv', o.url]
	];
}
