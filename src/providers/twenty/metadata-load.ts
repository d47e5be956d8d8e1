import { CrmError } from '../../http';
import type { Logger } from '../contract';
import type { TwentyApi } from './client';
import { localError } from './errors';
import { MetadataShapeError, parseField, parseFields, parseObject, toMetadata, type TwentyMetadata, unavailableMetadata } from './metadata';
import type { FieldMeta, ObjectMeta } from './schemas';

const OPERATION = 'GET /rest/metadata/objects';

interface Found {
  object: ObjectMeta;
  /** Where its fields sit in the response they came from, for error paths. */
  fieldsPath: (string | number)[];
}

/**
 * Opportunity, task and taskTarget from `/rest/metadata/objects`, in either format. Objects listed
 * without their fields are read one by one (`/objects/{id}`), and failing that from
 * `/rest/metadata/fields`. A key whose role may not read the data model (403; or a server without
 * the metadata routes, 404) gets `available: false`, and the stages are inferred from records.
 */
export async function loadMetadata(api: TwentyApi, account: string, logger: Logger, signal?: AbortSignal): Promise<TwentyMetadata> {
  try {
    const list = await api.objects(signal);
    const find = (name: string): Found | undefined => {
      const index = list.items.findIndex((o) => (o as { nameSingular?: unknown }).nameSingular === name);
      if (index < 0) return undefined;
      return { object: parseObject(list.items[index], [...list.path, index]), fieldsPath: [...list.path, index, 'fields'] };
    };
    const opportunity = find('opportunity');
    if (!opportunity) throw localError('badResponse', account, OPERATION, { summary: "Twenty's metadata lists no opportunity object" });
    const wanted = [opportunity, find('task'), find('taskTarget')];
    const fields = await fieldsOf(api, wanted, signal);
    return toMetadata({ opportunity: opportunity.object, opportunityFields: fields[0] ?? [], taskFields: fields[1], taskTargetFields: fields[2] });
  } catch (error) {
    if (error instanceof MetadataShapeError) throw localError('badResponse', account, OPERATION, { issuePath: error.issuePath, detail: error.detail });
    if (error instanceof CrmError && (error.kind === 'forbidden' || error.kind === 'notFound') && error.operation.startsWith('GET /rest/metadata')) {
      logger.info(`Twenty: ${error.message} Stages are inferred from records.`);
      return unavailableMetadata();
    }
    throw error;
  }
}

async function fieldsOf(api: TwentyApi, wanted: (Found | undefined)[], signal?: AbortSignal): Promise<(FieldMeta[] | undefined)[]> {
  const result: (FieldMeta[] | undefined)[] = [];
  let everyField: Awaited<ReturnType<TwentyApi['fields']>> | undefined;
  for (const found of wanted) {
    if (!found) {
      result.push(undefined);
      continue;
    }
    if (found.object.fields) {
      result.push(parseFields(found.object.fields, found.fieldsPath));
      continue;
    }
    const one = await api.object(found.object.id, signal);
    const object = parseObject(one.item, one.path);
    if (object.fields) {
      result.push(parseFields(object.fields, [...one.path, 'fields']));
      continue;
    }
    everyField ??= await api.fields(signal);
    const all = everyField;
    const own = all.items.map((f, i) => ({ f, i })).filter(({ f }) => (f as { objectMetadataId?: unknown }).objectMetadataId === found.object.id);
    result.push(own.map(({ f, i }) => parseField(f, [...all.path, i])));
  }
  return result;
}
