import type { NodeView, TreeNode } from './nodes/tree-node';
import type { PipelinesTreeModel } from './tree-model';

export interface TreeRowInfo extends Pick<NodeView, 'label' | 'description' | 'contextValue'> {
  id: string;
  command?: string;
}

/**
 * A read-only look at the Pipelines tree as the extension built it: what activate() exports, so
 * integration tests (and other extensions) can read rows without scraping the UI.
 */
export interface CrmPipelinesApi {
  /** The children of the node with this id (the roots when absent); the node must have been shown. */
  treeChildren(id?: string): Promise<TreeRowInfo[]>;
}

export function createApi(model: PipelinesTreeModel): CrmPipelinesApi {
  return {
    async treeChildren(id) {
      let nodes: TreeNode[];
      if (id === undefined) nodes = model.roots();
      else {
        const node = model.find(id);
        if (!node) throw new Error(`No tree node "${id}" has been shown yet.`);
        nodes = await node.children();
      }
      return nodes.map((node) => {
        const view = node.view();
        return { id: node.id, label: view.label, description: view.description, contextValue: view.contextValue, command: view.command?.id };
      });
    },
  };
}
