// The board of a CRM that cannot move deals (Hindsight, against its fake): it shows the deals,
// says why it is read-only, offers nothing to drag, and a keyboard move sends nothing.
import * as assert from 'node:assert/strict';
import { startHindsightFake } from '../fakes/hindsight/index.js';
import { expandTreeRow, openViewContainer } from '../workbench/index.js';
import { boardCard, openBoardFromTree, pressOnCard, readBoardColumns, waitForAnnouncement, waitForBoardColumns } from '../workbench/ui/board.js';
import { lazyAccounts, submitApiKey, treeRowAt, useFake, waitForRowsUnder } from './crms/support.js';
import { useWorkbench } from './use-workbench.js';

const ACCOUNT = 'Hindsight (fake)';

describe('pipeline board of a read-only CRM (Hindsight)', function () {
  const fake = useFake(() => startHindsightFake());
  const workbench = useWorkbench({
    settings: lazyAccounts(() => [{ id: 'hindsight-board', provider: 'hindsight', label: ACCOUNT, baseUrl: fake().url }]),
  });

  it('shows the deals by stage, says why it is read-only, and moves nothing', async function () {
    const { page } = workbench();
    await openViewContainer(page);
    await expandTreeRow(page, ACCOUNT);
    const [noKey] = await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'No API key — Set API key…');
    await treeRowAt(page, noKey!.index).click();
    assert.equal(await submitApiKey(page, fake().apiKey), undefined);
    await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'Deals');

    const board = await openBoardFromTree(page, 'Deals', ACCOUNT);
    const columns = await waitForBoardColumns(board, (c) => c.length > 1 && c.every((col) => /^\d/.test(col.count)) && c.some((col) => col.cards.length > 0));
    const banner = board.frame.locator('.banner-info').first();
    assert.match((await banner.textContent()) ?? '', /Hindsight's API is read-only, so this board shows deals but cannot move them\./);
    assert.equal(await board.frame.locator('.card[draggable="true"]').count(), 0, 'no card can be dragged');
    assert.equal(await board.frame.locator('.drop-zone').count(), 0, 'no Won/Lost zones');

    const from = columns.find((c) => c.cards.length > 0)!;
    const name = from.cards[0]!;
    const writes = () => fake().requests.filter((r) => r.method !== 'GET').length;
    const before = writes();
    await pressOnCard(board, name, 'Alt+Shift+ArrowRight');
    await waitForAnnouncement(board, /read-only/);
    assert.equal(writes(), before, 'nothing was sent to Hindsight');
    const after = await readBoardColumns(board);
    assert.ok(after.find((c) => c.stageId === from.stageId)!.cards.includes(name), 'the card stays');
    assert.equal(await boardCard(board, name).count(), 1);
  });
});
