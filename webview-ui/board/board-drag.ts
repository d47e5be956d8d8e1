import type { MoveTarget } from '../../src/protocol/board-messages';

/** The drag payload's type: only drags of this board's cards are accepted as drops. */
const DEAL_MIME = 'application/x-crm-deal';

export interface DragPayload {
  dealId: string;
  fromStageId: string;
}

/**
 * HTML5 drag and drop of cards onto columns and the Won/Lost zones. The payload travels in the
 * DataTransfer (and is kept here too, since dragover may not read it); a drop asks for a move.
 */
export class BoardDrag {
  /** The card being dragged, while a drag is on. */
  dragging: DragPayload | undefined;
  /** A column's stage id, or 'won'/'lost', under the pointer. */
  dropTarget: string | undefined;

  constructor(private readonly root: HTMLElement, private readonly changed: () => void, private readonly move: (payload: DragPayload, target: MoveTarget) => void) {}

  readonly onDragStart = (event: DragEvent) => {
    const card = (event.target as HTMLElement).closest?.<HTMLElement>('.card[draggable="true"]');
    if (!card || !event.dataTransfer) return;
    const payload: DragPayload = { dealId: card.dataset.dealId!, fromStageId: card.dataset.stageId! };
    event.dataTransfer.setData(DEAL_MIME, JSON.stringify(payload));
    event.dataTransfer.setData('text/plain', card.querySelector('.card-title')?.textContent ?? '');
    event.dataTransfer.effectAllowed = 'move';
    this.dragging = payload;
    this.changed();
  };

  readonly onDragEnd = () => {
    this.dragging = undefined;
    this.setDropTarget(undefined);
    this.changed();
  };

  readonly onDragOver = (event: DragEvent) => {
    const target = dropTargetOf(event.target as HTMLElement);
    if (!target || !(this.dragging || event.dataTransfer?.types.includes(DEAL_MIME))) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.setDropTarget(target);
  };

  readonly onDragLeave = (event: DragEvent) => {
    const into = event.relatedTarget as HTMLElement | null;
    if (!into || !this.root.contains(into) || dropTargetOf(into) !== this.dropTarget) this.setDropTarget(undefined);
  };

  readonly onDrop = (event: DragEvent) => {
    const target = dropTargetOf(event.target as HTMLElement);
    const payload = readPayload(event.dataTransfer) ?? this.dragging;
    this.dragging = undefined;
    this.setDropTarget(undefined);
    this.changed();
    if (!target || !payload) return;
    event.preventDefault();
    this.move(payload, target === 'won' || target === 'lost' ? { outcome: target } : { stageId: target });
  };

  private setDropTarget(target: string | undefined): void {
    if (this.dropTarget === target) return;
    this.dropTarget = target;
    this.changed();
  }
}

/** The column (its stage id) or outcome zone ('won'/'lost') an element is in. */
function dropTargetOf(element: HTMLElement | null): string | undefined {
  const zone = element?.closest?.<HTMLElement>('.drop-zone, .column');
  return zone?.dataset.zone ?? zone?.dataset.stageId;
}

function readPayload(transfer: DataTransfer | null): DragPayload | undefined {
  try {
    const value: unknown = JSON.parse(transfer?.getData(DEAL_MIME) || 'null');
    if (value && typeof value === 'object' && typeof (value as DragPayload).dealId === 'string' && typeof (value as DragPayload).fromStageId === 'string') {
      return { dealId: (value as DragPayload).dealId, fromStageId: (value as DragPayload).fromStageId };
    }
  } catch {
    // Not a drag of one of this board's cards.
  }
  return undefined;
}
