// The page's language: Chinese unless the address bar says lang=en.
import zh from './zh-CN.js';
import en from './en.js';
import { getState } from '../state.js';

export function currentLanguage() {
  return getState().lang === 'en' ? 'en' : 'zh';
}

export function texts() {
  return currentLanguage() === 'en' ? en : zh;
}
