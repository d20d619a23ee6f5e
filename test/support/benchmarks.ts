/** The source of an invented equity benchmark (docs/evaluation.md 6.7), as `PUT …/equity-benchmarks/:year/:question` takes it. */
export const BENCHMARK_SOURCE = {
  sourceTitle: 'Census of Population 2021',
  sourcePublisher: 'Statistics Canada',
  sourceYear: 2021,
  sourceGeography: 'Invented census division',
  sourcePopulation: 'Total population',
};
