import type { RegistryWidgetsType, RJSFSchema } from "@rjsf/utils";
import type { FormContext } from "../context";
import { CheckboxWidget } from "./checkbox-widget";
import { CheckboxesWidget } from "./checkboxes-widget";
import { DateWidget } from "./date-widget";
import { RadioWidget } from "./radio-widget";
import { SelectWidget } from "./select-widget";
import { TextWidget } from "./text-widget";
import { TextareaWidget } from "./textarea-widget";

/** The record form's widgets; numbers use a text input so that "100万" and "1,000" can be typed. */
export const widgets: RegistryWidgetsType<unknown, RJSFSchema, FormContext> = {
  TextWidget,
  EmailWidget: TextWidget,
  URLWidget: TextWidget,
  UpDownWidget: TextWidget,
  RangeWidget: TextWidget,
  TextareaWidget,
  DateWidget,
  DateTimeWidget: DateWidget,
  SelectWidget,
  RadioWidget,
  CheckboxWidget,
  CheckboxesWidget,
};
