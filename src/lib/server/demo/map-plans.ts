// The demo's plan drawings for the Marktplatz Stadt Blankenberg, drawn here so nothing is
// downloaded. Shapes only: text in an SVG would depend on the fonts of the machine that renders
// it. Positions of the features are given as fractions of the drawing, so the demo comments can
// point at them (see mapcomments.ts).

export const SITE_PLAN_SIZE = { width: 1600, height: 1200 };

/** Lageplan: paving, streets, houses, church, fountain, the old lime tree, parking, bus stop. */
export const SITE_PLAN = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200" viewBox="0 0 1600 1200">
	<rect width="1600" height="1200" fill="#ece4d4"/>
	<g stroke="#d6cab2" stroke-width="2">
		<path d="M140 200 H1600 M140 280 H1600 M140 360 H1600 M140 440 H1600 M140 520 H1600 M140 600 H1600 M140 680 H1600 M140 760 H1600 M140 840 H1600 M140 920 H1600 M140 1000 H1600 M140 1080 H1600"/>
	</g>
	<rect width="1600" height="120" fill="#a3a3a3"/>
	<rect width="140" height="1200" fill="#a3a3a3"/>
	<g fill="#fff"><rect x="40" y="52" width="80" height="10"/><rect x="300" y="52" width="80" height="10"/><rect x="560" y="52" width="80" height="10"/><rect x="820" y="52" width="80" height="10"/><rect x="1080" y="52" width="80" height="10"/><rect x="1340" y="52" width="80" height="10"/></g>
	<g fill="#c9b79c" stroke="#6d5a45" stroke-width="4">
		<rect x="170" y="140" width="220" height="170"/><rect x="400" y="140" width="200" height="170"/>
		<rect x="610" y="140" width="230" height="170"/><rect x="850" y="140" width="210" height="170"/>
		<rect x="1070" y="140" width="150" height="170"/>
	</g>
	<g stroke="#6d5a45" stroke-width="3">
		<path d="M170 225 H390 M400 225 H600 M610 225 H840 M850 225 H1060 M1070 225 H1220"/>
	</g>
	<rect x="1250" y="150" width="300" height="420" fill="#b7b1a6" stroke="#4a4540" stroke-width="5"/>
	<path d="M1250 150 L1400 60 L1550 150 Z" fill="#5d564d"/>
	<g fill="#8c8578"><rect x="1300" y="570" width="200" height="24"/><rect x="1290" y="594" width="220" height="24"/><rect x="1280" y="618" width="240" height="24"/></g>
	<circle cx="800" cy="620" r="86" fill="#9fb8c8" stroke="#4d6a7d" stroke-width="8"/>
	<circle cx="800" cy="620" r="52" fill="#4f86a8"/>
	<g fill="none" stroke="#9d9384" stroke-width="14">
		<path d="M680 760 A150 150 0 0 0 920 760"/><path d="M650 800 A190 190 0 0 0 950 800"/>
	</g>
	<g fill="#3f7d3a"><circle cx="500" cy="450" r="92"/><circle cx="1120" cy="820" r="60"/><circle cx="1180" cy="420" r="50"/></g>
	<g fill="#2c5a29"><circle cx="500" cy="450" r="30"/></g>
	<rect x="160" y="850" width="440" height="300" fill="#bfbfbf" stroke="#7a7a7a" stroke-width="4"/>
	<g stroke="#fff" stroke-width="6"><path d="M220 850 V1000 M280 850 V1000 M340 850 V1000 M400 850 V1000 M460 850 V1000 M520 850 V1000 M220 1150 V1010 M280 1150 V1010 M340 1150 V1010 M400 1150 V1010 M460 1150 V1010 M520 1150 V1010"/></g>
	<rect x="1230" y="1050" width="150" height="60" fill="#f2c14e" stroke="#8a6d1f" stroke-width="4"/>
	<rect x="980" y="960" width="160" height="110" fill="#d9cfbf" stroke="#8c7b62" stroke-width="4" stroke-dasharray="12 8"/>
</svg>`;

export const DETAIL_PLAN_SIZE = { width: 1200, height: 800 };

/** Detailplan Brunnen und Sitzstufen: the fountain from above with three rows of steps. */
export const DETAIL_PLAN = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
	<rect width="1200" height="800" fill="#f4efe6"/>
	<g fill="none" stroke="#cfc4b1" stroke-width="2">
		<path d="M0 100 H1200 M0 200 H1200 M0 300 H1200 M0 400 H1200 M0 500 H1200 M0 600 H1200 M0 700 H1200"/>
		<path d="M100 0 V800 M200 0 V800 M300 0 V800 M400 0 V800 M500 0 V800 M600 0 V800 M700 0 V800 M800 0 V800 M900 0 V800 M1000 0 V800 M1100 0 V800"/>
	</g>
	<circle cx="600" cy="300" r="190" fill="#a9c3d3" stroke="#47687d" stroke-width="10"/>
	<circle cx="600" cy="300" r="110" fill="#5b93b5"/>
	<circle cx="600" cy="300" r="26" fill="#e8eef2"/>
	<g fill="none" stroke="#8f8474" stroke-width="34">
		<path d="M340 560 A300 300 0 0 0 860 560"/><path d="M290 630 A360 360 0 0 0 910 630"/><path d="M240 700 A420 420 0 0 0 960 700"/>
	</g>
	<g fill="#3f7d3a"><circle cx="150" cy="150" r="70"/><circle cx="1050" cy="150" r="70"/></g>
</svg>`;
