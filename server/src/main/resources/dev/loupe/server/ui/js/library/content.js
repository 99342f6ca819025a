/**
 * The library through the Content API v2 and the Dashboards API v2: folders, the global and admin-recommended
 * views (asynchronous jobs), folder creation, deletion (a job) and moves; and finding a dashboard by its
 * dashboard id or its content id.
 */
import { api, ApiError } from '../core/api.js';

const CONTENT = '/api/v2/content';

function pause(milliseconds) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Polls an asynchronous job's status URL until it ends; resolves on Success, rejects with its error. */
export async function awaitJob(statusPath) {
  let wait = 50;
  for (let attempt = 0; attempt < 600; attempt++) {
    const status = await api.get(statusPath);
    if (status.status === 'Success') return status;
    if (status.status === 'Failed') {
      throw new ApiError(400, status.error?.code ?? 'job.failed', status.error?.message ?? 'the job failed', status);
    }
    await pause(wait);
    wait = Math.min(wait * 2, 500);
  }
  throw new ApiError(0, 'job.timeout', 'the job did not finish in time', null);
}

/** The caller's personal folder with its children. */
export function personalFolder() {
  return api.get(`${CONTENT}/folders/personal`);
}

/** A folder with its children. */
export function folder(id) {
  return api.get(`${CONTENT}/folders/${encodeURIComponent(id)}`);
}

async function folderView(name) {
  const job = await api.get(`${CONTENT}/folders/${name}`);
  await awaitJob(`${CONTENT}/folders/${name}/${encodeURIComponent(job.id)}/status`);
  const result = await api.get(`${CONTENT}/folders/${name}/${encodeURIComponent(job.id)}/result`);
  return result.data ?? [];
}

/** The top-level items shared with the caller (Sumo's global folder view). */
export function globalItems() {
  return folderView('global');
}

/** The Admin Recommended folder's top-level items. */
export function adminRecommendedItems() {
  return folderView('adminRecommended');
}

/** The path of an item (`/Library/Users/admin/AWS API Gateway`). */
export async function pathOf(id) {
  return (await api.get(`${CONTENT}/${encodeURIComponent(id)}/path`)).path;
}

export function createFolder(name, parentId, description = '') {
  return api.post(`${CONTENT}/folders`, { name, description, parentId });
}

/** Deletes an item (and a folder's contents) through the delete job. */
export async function deleteItem(id) {
  const job = await api.delete(`${CONTENT}/${encodeURIComponent(id)}/delete`);
  await awaitJob(`${CONTENT}/${encodeURIComponent(id)}/delete/${encodeURIComponent(job.id)}/status`);
}

export function moveItem(id, destinationFolderId) {
  return api.post(`${CONTENT}/${encodeURIComponent(id)}/move?destinationFolderId=${encodeURIComponent(destinationFolderId)}`);
}

/** A dashboard by its 60-character dashboard id, or by its 16-hex-digit library content id. */
export async function findDashboard(id) {
  if (!/^[0-9A-Fa-f]{16}$/.test(id)) return api.get(`/api/v2/dashboards/${encodeURIComponent(id)}`);
  let token = null;
  do {
    const page = await api.get(`/api/v2/dashboards?mode=allViewableByUser&limit=100${token ? `&token=${token}` : ''}`);
    const match = (page.dashboards ?? []).find((dashboard) => dashboard.contentId.toUpperCase() === id.toUpperCase());
    if (match) return match;
    token = page.next;
  } while (token);
  throw new ApiError(404, 'dashboard:not_found', 'Dashboard with the given ID does not exist.', null);
}
