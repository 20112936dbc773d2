// The simulator's own look (it stands for another site), served as a file: the CSP forbids inline styles.
export const SIMULATOR_CSS = `
body { margin: 0; font-family: system-ui, sans-serif; font-size: 1.1rem; line-height: 1.5; color: #1b1b1b; background: #f3f6fa; }
.sim-header { background: #005baa; color: #fff; padding: 0.75rem 1rem; }
.sim-header p { margin: 0; }
.sim-brand { font-weight: 700; }
.sim-warning { font-size: 0.95rem; }
main { max-width: 36rem; margin: 0 auto; padding: 1rem; background: #fff; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
.sim-facts dt { font-weight: 700; margin-top: 0.5rem; }
.sim-facts dd { margin: 0; overflow-wrap: anywhere; }
fieldset { border: 1px solid #8a8a8a; margin: 1rem 0; padding: 0.5rem 1rem; }
legend { font-weight: 700; padding: 0 0.25rem; }
.sim-choice { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.6rem 0; }
.sim-choice input { width: 1.4rem; height: 1.4rem; flex: none; margin-top: 0.1rem; }
.sim-button { background: #005baa; color: #fff; border: 0; padding: 0.7rem 1.4rem; font-size: 1.1rem; cursor: pointer; }
.sim-button:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
.sim-error { color: #a0001a; font-weight: 700; }
.sim-list { padding-left: 1.2rem; }
.sim-list li { margin-bottom: 1rem; overflow-wrap: anywhere; }
`;
