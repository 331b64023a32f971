import { useLayoutEffect, useRef, useState } from 'react';

export interface MenuItem {
  label: string;
  action(): void;
}

/**
 * A right-click menu at (x, y), moved back inside the window when it would cross an edge. The first
 * item takes the focus (Enter picks it), Escape or a click elsewhere closes it.
 */
export function ContextMenu({ x, y, items, onClose, testId }: { x: number; y: number; items: readonly MenuItem[]; onClose(): void; testId: string }) {
  const menu = useRef<HTMLUListElement>(null);
  const [position, setPosition] = useState({ left: x, top: y });
  useLayoutEffect(() => {
    const element = menu.current;
    if (!element) return;
    const { width, height } = element.getBoundingClientRect();
    const margin = 4;
    setPosition({
      left: Math.max(margin, Math.min(x, window.innerWidth - width - margin)),
      top: Math.max(margin, Math.min(y, window.innerHeight - height - margin)),
    });
  }, [x, y, items.length]);
  return (
    <>
      <div className="menu-catcher" onClick={onClose} onContextMenu={(event) => (event.preventDefault(), onClose())} />
      <ul ref={menu} className="context-menu" role="menu" data-testid={testId} style={position}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}>
        {items.map(({ label, action }, index) => (
          <li key={label} role="none">
            <button type="button" role="menuitem" autoFocus={index === 0} onClick={() => {
              onClose();
              action();
            }}>{label}</button>
          </li>
        ))}
      </ul>
    </>
  );
}
