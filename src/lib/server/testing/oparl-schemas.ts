import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

// The OParl 1.1 JSON schemas, copied into tests/oparl-1.1-schema/ (see its README for the
// validator settings they need).
const SCHEMA_DIR = path.resolve('tests/oparl-1.1-schema');

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function createAjv(): Ajv {
	const ajv = new Ajv({ strict: false, allErrors: true });
	ajv.addFormat('url', (value: string) => HTTP_URL.test(value) && URL.canParse(value));
	ajv.addFormat('date-time', (v: string) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
	ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
	for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
		const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
		// The $refs name the files ("Meeting.json"), the $ids lack the suffix.
		ajv.addSchema(schema, schema.$id);
		ajv.addSchema({ ...schema, $id: `${schema.$id}.json` });
	}
	return ajv;
}

let ajv: Ajv | undefined;

/** Validates one OParl object by its `type`; returns readable errors (empty when valid). */
export function oparlErrors(object: unknown): string[] {
	ajv ??= createAjv();
	const type = (object as { type?: unknown })?.type;
	if (typeof type !== 'string' || !type.startsWith('https://schema.oparl.org/1.1/')) {
		return [`unknown type ${String(type)}`];
	}
	const validate: ValidateFunction | undefined = ajv.getSchema(type);
	if (!validate) return [`no schema for ${type}`];
	if (validate(object)) return [];
	return (validate.errors ?? []).map((e) => `${type} ${e.instancePath} ${e.message}`);
}
