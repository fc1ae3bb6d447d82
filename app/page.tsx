export default function Home() {
  return <main className="p-8"><h1 className="text-3xl font-semibold">Flightdeck</h1></main>;
}
