export type { TTaskPanelDto } from "@/lib/actions/output";
