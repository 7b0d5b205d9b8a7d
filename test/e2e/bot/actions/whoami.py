from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


class ActionWhoami(Action):
    """Answers "who am i" from the action server, with the conversation's sender id: a reply only
    the action server can give, which the e2e test looks for (ACTION_REPLY in test/e2e/values.ts)."""

    def name(self) -> Text:
        return "action_whoami"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=f"The action server says: you are {tracker.sender_id}")
        return []
