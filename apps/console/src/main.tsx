import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import { nonceScriptAddedStyles, pageNonce } from './csp-nonce';

const nonce = pageNonce();
if (nonce) nonceScriptAddedStyles(nonce);
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App nonce={nonce} />
  </StrictMode>,
);
