import { describe, expect, it } from 'vitest';
import { buildLiveArgs, buildSlateArgs, planLiveLadder, type LiveInput } from './ffmpeg-live.ts';

const CAMERA: LiveInput = {
	width: 1920,
	height: 1080,
	fps: 25,
	keyframeIntervalSeconds: 2,
	videoCodec: 'h264',
	audioCodec: 'aac'
};

const names = (input: LiveInput) =>
	planLiveLadder(input).renditions.map((r) => `${r.name}${r.passthrough ? ' copy' : ''}`);

/** The value after an option, e.g. optionValue(args, '-hls_time'). */
const optionValue = (args: string[], option: string) => args[args.indexOf(option) + 1];

describe('planLiveLadder', () => {
	it('copies a 1080p H.264 camera with 2 s keyframes and encodes 720p and 360p', () => {
		expect(names(CAMERA)).toEqual(['1080p copy', '720p', '360p', 'audio']);
		const plan = planLiveLadder(CAMERA);
		expect(plan.segmentSeconds).toBe(2);
		expect(plan.renditions[1]).toMatchObject({ width: 1280, height: 720, kbps: 2800 });
		expect(plan.renditions[3]).toMatchObject({ kind: 'audio', kbps: 128 });
	});

	it('encodes everything when the camera is not H.264 with 2 s keyframes', () => {
		expect(names({ ...CAMERA, keyframeIntervalSeconds: 5 })).toEqual(['720p', '360p', 'audio']);
		expect(names({ ...CAMERA, keyframeIntervalSeconds: null })).toEqual(['720p', '360p', 'audio']);
		expect(names({ ...CAMERA, videoCodec: 'hevc' })).toEqual(['720p', '360p', 'audio']);
		expect(names({ ...CAMERA, width: 1280, height: 720 })).toEqual(['720p', '360p', 'audio']);
	});

	it('never upscales: a 360p camera gives one video rendition', () => {
		expect(names({ ...CAMERA, width: 640, height: 360 })).toEqual(['360p', 'audio']);
		expect(names({ ...CAMERA, width: 320, height: 180 })).toEqual(['180p', 'audio']);
	});

	it('leaves out the audio rendition without sound, and video without picture', () => {
		expect(names({ ...CAMERA, audioCodec: null })).toEqual(['1080p copy', '720p', '360p']);
		expect(names({ ...CAMERA, videoCodec: null })).toEqual(['audio']);
	});

	it('keeps the aspect of a 4:3 camera in even widths', () => {
		const plan = planLiveLadder({ ...CAMERA, width: 1440, height: 1080 });
		expect(plan.renditions.map((r) => r.width)).toEqual([1440, 960, 480, 0]);
	});

	it('cuts segments at the exact keyframe interval of a copied 29.97 fps camera', () => {
		const plan = planLiveLadder({ ...CAMERA, fps: 29.97, keyframeIntervalSeconds: 2.002 });
		expect(plan.renditions[0]?.passthrough).toBe(true);
		expect(plan.segmentSeconds).toBeCloseTo(60 / (30000 / 1001), 9);
		expect(optionValue(buildLiveArgs('/tmp/live', plan), '-hls_time')).toBe('2.002000');
	});
});

describe('buildLiveArgs', () => {
	const args = buildLiveArgs('/tmp/live/s1', planLiveLadder(CAMERA));

	it('reads FLV from stdin and nothing else', () => {
		const input = args.indexOf('-i');
		expect(args[input + 1]).toBe('pipe:0');
		expect(optionValue(args, '-f')).toBe('flv');
		expect(optionValue(args, '-protocol_whitelist')).toBe('pipe');
		expect(optionValue(args, '-format_whitelist')).toBe('flv');
		expect(args.indexOf('-protocol_whitelist')).toBeLessThan(input);
	});

	it('writes fMP4 HLS that never shows a half-written segment', () => {
		expect(optionValue(args, '-hls_flags')).toBe('independent_segments+temp_file');
		expect(optionValue(args, '-hls_playlist_type')).toBe('event');
		expect(optionValue(args, '-hls_list_size')).toBe('0');
		expect(optionValue(args, '-hls_segment_type')).toBe('fmp4');
		expect(optionValue(args, '-hls_segment_filename')).toBe('/tmp/live/s1/%v/segment-%05d.m4s');
		expect(optionValue(args, '-var_stream_map')).toBe(
			'v:0,agroup:audio,name:1080p v:1,agroup:audio,name:720p v:2,agroup:audio,name:360p a:0,agroup:audio,default:yes,name:audio'
		);
		expect(optionValue(args, '-map_metadata')).toBe('-1');
		expect(optionValue(args, '-progress')).toBe('pipe:1');
	});

	it('copies the camera and keys the encoded renditions to its keyframes', () => {
		expect(optionValue(args, '-c:v:0')).toBe('copy');
		expect(optionValue(args, '-c:v:1')).toBe('libx264');
		expect(optionValue(args, '-force_key_frames:v:1')).toBe('source');
		expect(optionValue(args, '-tune:v:2')).toBe('zerolatency');
		expect(optionValue(args, '-preset:v:2')).toBe('veryfast');
	});

	it('forces a keyframe every 2 s when nothing is copied', () => {
		const encoded = buildLiveArgs('/tmp/live/s1', planLiveLadder({ ...CAMERA, height: 720 }));
		expect(encoded).not.toContain('copy');
		expect(optionValue(encoded, '-force_key_frames:v:0')).toBe('expr:gte(t,n_forced*2)');
	});

	it('refuses paths ffmpeg would read as patterns', () => {
		expect(() => buildLiveArgs('/tmp/live/%d', planLiveLadder(CAMERA))).toThrow();
		expect(() => buildLiveArgs('relative/dir', planLiveLadder(CAMERA))).toThrow();
	});
});

describe('buildSlateArgs', () => {
	it('reads only the generated picture through the file protocol', () => {
		const { args, segment } = buildSlateArgs(
			'/tmp/slates/gap/720p',
			{ kind: 'video', width: 1280, height: 720, fps: 25 },
			'/tmp/slates/gap/720p/slate.png'
		);
		expect(optionValue(args, '-protocol_whitelist')).toBe('file');
		expect(optionValue(args, '-i')).toBe('file:/tmp/slates/gap/720p/slate.png');
		expect(optionValue(args, '-frames:v')).toBe('50');
		expect(segment).toBe('/tmp/slates/gap/720p/slate-0.m4s');
	});
});
