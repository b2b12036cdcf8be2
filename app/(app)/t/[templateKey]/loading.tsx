import { ListSkeleton } from "@/components/list/list-skeleton";

/** Shown while a template's list loads for the first time. */
export default function Loading() {
  return <ListSkeleton />;
}
