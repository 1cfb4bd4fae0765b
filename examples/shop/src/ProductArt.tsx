import type { ReactNode } from 'react';

// The shop's product pictures, drawn here as inline SVG: no image files, no requests, served by
// `npm start` with the page itself. Each is a 160 × 120 tile.

const ART: Record<string, ReactNode> = {
  // Three strings of churchkhela hanging from a stick: walnuts dipped in thickened grape must.
  churchkhela: (
    <>
      <rect width="160" height="120" rx="12" fill="#f3e3d3" />
      <rect x="30" y="18" width="100" height="7" rx="3.5" fill="#8a5a33" />
      {[56, 80, 104].map((x, column) => (
        <g key={x}>
          <path d={`M${x} 25v8`} stroke="#b08a5a" strokeWidth="2" />
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <ellipse
              key={i}
              cx={x + (i % 2 === 0 ? -1 : 1) * (column === 1 ? 1.5 : 1)}
              cy={40 + i * 11}
              rx="9.5"
              ry="7.5"
              fill={column === 1 ? '#8c2338' : '#6e1a2c'}
            />
          ))}
          <ellipse cx={x - 3} cy="44" rx="2.5" ry="5" fill="#ffffff" opacity="0.25" />
        </g>
      ))}
    </>
  ),
  // Adjarian khachapuri: a bread boat of cheese with an egg yolk and butter.
  khachapuri: (
    <>
      <rect width="160" height="120" rx="12" fill="#f6ecd6" />
      <ellipse cx="80" cy="96" rx="62" ry="8" fill="#e4d5b5" />
      <path d="M14 62C40 24 120 24 146 62C120 100 40 100 14 62Z" fill="#c9803a" />
      <path d="M30 62C52 38 108 38 130 62C108 86 52 86 30 62Z" fill="#f7d36b" />
      <ellipse cx="80" cy="62" rx="17" ry="13" fill="#fff6dd" />
      <circle cx="80" cy="62" r="8.5" fill="#f29a1f" />
      <circle cx="77" cy="59" r="2.5" fill="#ffd08a" />
      <rect x="98" y="52" width="10" height="8" rx="2" fill="#fff1a8" />
    </>
  ),
  // A cup of black tea on a saucer, steaming, with a tea leaf.
  tea: (
    <>
      <rect width="160" height="120" rx="12" fill="#e3eee0" />
      <path
        d="M66 22c-5 6 5 10 0 16M80 18c-5 7 5 11 0 18M94 22c-5 6 5 10 0 16"
        fill="none"
        stroke="#9fb89a"
        strokeWidth="3"
        strokeLinecap="round"
      />
      <ellipse cx="80" cy="96" rx="48" ry="9" fill="#ffffff" stroke="#c9d6c5" strokeWidth="2" />
      <path d="M112 58a13 13 0 0 1 0 24" fill="none" stroke="#ffffff" strokeWidth="7" />
      <path d="M44 50h72v14c0 18-16 30-36 30s-36-12-36-30Z" fill="#ffffff" />
      <ellipse cx="80" cy="50" rx="36" ry="7" fill="#8a4b16" />
      <path d="M44 70h72" stroke="#7a1f2b" strokeWidth="3" opacity="0.6" />
      <path d="M126 96c10-14 22-14 26-12c-4 10-14 16-26 12Z" fill="#4e8a4a" />
      <path d="M127 95c8-6 15-9 24-11" stroke="#2f5e2d" strokeWidth="1.5" fill="none" />
    </>
  ),
  // A jar of mountain honey with a cloth-covered lid and a label.
  honey: (
    <>
      <rect width="160" height="120" rx="12" fill="#fbefd0" />
      <ellipse cx="80" cy="104" rx="40" ry="6" fill="#ecd9a8" />
      <path d="M52 38h56v56c0 6-4 10-10 10H62c-6 0-10-4-10-10Z" fill="#f0a92c" />
      <path d="M58 44h8v52h-8Z" fill="#ffffff" opacity="0.25" />
      <path d="M46 26h68l-4 14H50Z" fill="#c0392b" />
      <path d="M50 32h60" stroke="#ffffff" strokeWidth="2" strokeDasharray="4 4" />
      <rect x="48" y="22" width="64" height="6" rx="3" fill="#8a5a33" />
      <rect x="62" y="60" width="36" height="22" rx="4" fill="#fff7e3" />
      <path
        d="M74 71l3-5h6l3 5-3 5h-6Z"
        fill="none"
        stroke="#c98a16"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </>
  ),
  // A bottle of Saperavi and a glass of it.
  saperavi: (
    <>
      <rect width="160" height="120" rx="12" fill="#efe0e3" />
      <ellipse cx="80" cy="106" rx="50" ry="5" fill="#dcc5ca" />
      <path
        d="M58 12h12v22c0 6 10 10 10 22v46c0 3-2 4-4 4H52c-2 0-4-1-4-4V56c0-12 10-16 10-22Z"
        fill="#24382c"
      />
      <rect x="58" y="10" width="12" height="8" rx="2" fill="#7a1f2b" />
      <rect x="50" y="62" width="28" height="26" rx="3" fill="#f6efe2" />
      <path d="M54 70h20M56 76h16M58 82h12" stroke="#7a1f2b" strokeWidth="2" />
      <path d="M96 52h30c0 16-6 26-15 26s-15-10-15-26Z" fill="#ffffff" opacity="0.8" />
      <path d="M97 60h28c-1 10-6 16-14 16s-13-6-14-16Z" fill="#7a1f2b" />
      <path d="M111 78v22M100 102h22" stroke="#ffffff" strokeWidth="3" strokeLinecap="round" />
    </>
  ),
  // The tea club's monthly box, tied with a ribbon, a leaf on top.
  'tea-club': (
    <>
      <rect width="160" height="120" rx="12" fill="#e3eee0" />
      <ellipse cx="80" cy="102" rx="52" ry="6" fill="#c9d6c5" />
      <rect x="34" y="46" width="92" height="54" rx="4" fill="#2f6b4f" />
      <rect x="30" y="38" width="100" height="14" rx="3" fill="#3c8461" />
      <rect x="74" y="38" width="12" height="62" fill="#c9a227" />
      <path d="M80 38c-14-16-30-10-22 0ZM80 38c14-16 30-10 22 0Z" fill="#e0bc3e" />
      <path d="M92 22c10-8 22-6 26-4c-6 10-18 12-26 4Z" fill="#6fae5f" />
    </>
  ),
};

/** A product's picture, decorative (`aria-hidden`): its name is always written beside it. */
export function ProductArt(props: { sku: string; className?: string }) {
  const art = ART[props.sku];
  if (!art) return null;
  return (
    <svg
      viewBox="0 0 160 120"
      className={props.className ?? 'art'}
      aria-hidden="true"
      focusable="false"
    >
      {art}
    </svg>
  );
}
