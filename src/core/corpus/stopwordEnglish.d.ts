// The stopword package's CommonJS build holds the lists of some 60 languages in one file (313 KB of
// each bundle, all evaluated as a thread starts); its ES module source holds each language apart.
declare module 'stopword/src/stopwords_eng.js' {
  export const eng: string[];
}
