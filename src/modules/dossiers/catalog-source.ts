import { NotFoundError } from '../../lib/errors.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { ProcedureSource, PublishedProcedure } from './dossiers.schema.ts';

/** The catalogue as the dossiers' procedure source: a version is open for submission only while it is the published one. */
export function catalogProcedureSource(catalog: CatalogService): ProcedureSource {
  const absent = (error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  };
  return {
    async publishedVersion(versionId: string): Promise<PublishedProcedure | undefined> {
      const version = await catalog.getVersion(versionId).catch(absent);
      if (!version) return undefined;
      const published = await catalog.getPublished(version.definition.code).catch(absent);
      return published?.versionId === versionId ? published : undefined;
    },
  };
}
