/**
 * The Apps API: the catalog, an app's content (for previews), and installs (an asynchronous job whose status
 * message is `id:<content id>` of the installed folder).
 */
import { api } from '../core/api.js';
import { awaitJob } from '../library/content.js';

export async function listApps() {
  return (await api.get('/api/v1/apps')).apps ?? [];
}

export function getApp(uuid) {
  return api.get(`/api/v1/apps/${encodeURIComponent(uuid)}`);
}

/** The app's content: a FolderSyncDefinition whose children are its dashboards. */
export function appContent(uuid) {
  return api.get(`/api/v1/apps/${encodeURIComponent(uuid)}/content`);
}

/** Installs the app; resolves to the content id of the installed folder. */
export async function installApp(uuid, { name, description, destinationFolderId }) {
  const job = await api.post(`/api/v1/apps/${encodeURIComponent(uuid)}/install`, { name, description, destinationFolderId });
  const status = await awaitJob(`/api/v1/apps/install/${encodeURIComponent(job.id)}/status`);
  return String(status.statusMessage ?? '').replace(/^id:/, '');
}

/** The illustration of an app: its own icon URL, else one for its family. */
export function appIcon(app) {
  const url = app.appManifest?.iconURL;
  if (url) return url;
  return app.appManifest?.family === 'aws' ? 'img/apps/aws.svg' : 'img/apps/aws.svg';
}
