import { prepareSlates } from '../../../src/lib/server/live/slates.ts';
import { startLiveTranscoder } from '../../../src/lib/server/live/transcoder.ts';
import type { LivePipeline, LiveRenditionPlan } from './pipeline.ts';

/** Nominal AAC bit rate, added to every video variant (its audio comes from the shared group). */
const AUDIO_BPS = 128_000;
/** A copied camera stream has no nominal rate: its measured input rate, else this. */
const COPIED_FALLBACK_BPS = 6_000_000;

/**
 * The real pipeline: the live ffmpeg ladder (src/lib/server/live/transcoder.ts) fed with the RTMP
 * server's FLV, and the slates (src/lib/server/live/slates.ts; tests may pass others).
 */
export function livePipeline(
	slates: LivePipeline['prepareSlates'] = async (outDir, renditions, fps, short) => {
		const sizes = renditions.map((r) => ({
			name: r.name,
			kind: r.kind,
			width: r.width ?? 0,
			height: r.height ?? 0
		}));
		await prepareSlates(outDir, sizes, {
			fps,
			...(short ? { kinds: [short.kind], frames: short.frames } : {})
		});
	}
): LivePipeline {
	return {
		async startTranscoder(flv, outDir, input, log) {
			const t = await startLiveTranscoder(flv, outDir, input, { log });
			const audio = t.plan.renditions.some((r) => r.kind === 'audio') ? AUDIO_BPS : 0;
			const renditions: LiveRenditionPlan[] = t.plan.renditions.map((r) => ({
				name: r.name,
				kind: r.kind,
				width: r.kind === 'video' ? r.width : null,
				height: r.kind === 'video' ? r.height : null,
				passthrough: r.passthrough,
				bandwidth:
					r.kind === 'audio'
						? AUDIO_BPS
						: (r.kbps > 0
								? r.kbps * 1000
								: input.bitrateKbps > 0
									? input.bitrateKbps * 1000
									: COPIED_FALLBACK_BPS) + audio
			}));
			return {
				renditions,
				fps: t.plan.fps,
				segments: t.segments,
				initPath: (r) => t.initPath(r),
				speed: () => t.speed(),
				stop: () => t.stop()
			};
		},
		prepareSlates: slates
	};
}
