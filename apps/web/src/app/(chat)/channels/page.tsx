import { HomeSidebar } from "~/features/shell/home-sidebar";
import { HomeView } from "~/features/shell/home-view";

export default function HomePage() {
  return (
    <>
      <HomeSidebar />
      <HomeView />
    </>
  );
}
