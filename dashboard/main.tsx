import { render } from 'preact';
import { App } from './App.tsx';
import { createApi } from './lib/api.ts';
import './styles.css';

render(<App api={createApi()} />, document.getElementById('app')!);
