// natural's package index loads every module it has (database drivers included); WOCAS imports
// only the Porter stemmer and the stop-word list by their paths, typed here.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
