import { HomeView } from "~/features/shell/home-view";

export default function HomePage() {
  return <HomeView />;
}
