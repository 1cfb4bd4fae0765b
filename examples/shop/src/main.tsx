import '@flitt-checkout/react/styles.css';
import './shop.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { lariFont } from './lariFont.ts';

// ₾ for the fonts that have none (shop.css puts "Lari" first; it covers U+20BE alone).
document.fonts.add(new FontFace('Lari', lariFont(), { unicodeRange: 'U+20BE' }));

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
