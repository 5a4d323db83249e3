import type { ESLint } from 'eslint'

export declare const ALLOWED: Record<string, string[]>
export declare function layerOf(file: string, srcDir: string): string | null
declare const plugin: ESLint.Plugin
export default plugin
