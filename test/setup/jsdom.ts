import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// A loaded 2-core CI machine needs more than Testing Library's 1 s default for async queries.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => cleanup());
